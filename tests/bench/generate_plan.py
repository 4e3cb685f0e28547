#!/usr/bin/env python3
"""Writes a large, valid plan for benchmarks.

  generate_plan.py STREAMS            each stream warmed in every region through the group
                                      'all' (204 regions): 4902 streams make 1,000,008 calls
  generate_plan.py STREAMS --explicit each stream lists 200 region codes one by one, the
                                      heaviest way to write 1,000,000 calls (5000 streams)
"""
import sys

streams = int(sys.argv[1]) if len(sys.argv) > 1 else 4902
explicit = "--explicit" in sys.argv[2:]
out = sys.stdout
out.write("version: 1\nname: scale-benchmark\n")
out.write("defaults: { domain: rts.bench.example.com, app: live, audio_msid: rts audio, "
          "video_msid: rts video, regions: [all] }\n")
out.write("limits: { rate: 9, burst: 1, concurrency: 16 }\nstreams:\n")
if explicit:
    codes = ("PG SK PE LV AE CA CU MR JP AM TM RU BY GN IQ AR CL SZ CD BE KZ RS TR NA LT PR CG NC MA GL "
             "KW LR UA ID MM BO MD GR NZ SB ET FJ YE CY BA ER DE PK CF HR EG TH CR TZ LA LY TN PL GB GQ "
             "CN IS OM MN TD US MX KG SR IN GW VE IT DZ QA FR ZA NO PT HU KR UZ BI EE BD BT AF CH BZ TL "
             "HT TG AL CM NI NG HN BF MZ GE VU PY LU LB UG ML SA PS ME CO PH SE FI KE RO PA JO RW LS MK "
             "ZM SY ES EC GA IE DO GH MG MY AT TJ DK UY KH SN SV SL BN EH NE IR GY AO BW BR AU CI CZ GM "
             "BJ VN SD NL DJ SI NP ZW JM MW AZ SO IL FK KP GT BS LK SG BH "
             "BEJ TAJ HEB SHX NMG LIA JIL HLJ SHH JSU ZHJ ANH FUJ JXI SHD HEN HUB HUN GUD GXI HAI CHQ SCH "
             "GUI YUN TIB SHA GAN QIH NXA").split()
    assert len(codes) == 200
    region_list = "[" + ", ".join(codes) + "]"
    for i in range(streams):
        out.write(f"  - stream: channel-{i:05d}\n    regions: {region_list}\n")
else:
    for i in range(streams):
        out.write(f"  - stream: channel-{i:05d}\n")
