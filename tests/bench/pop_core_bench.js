// The official Node client, Alibaba Cloud's @alicloud/pop-core, doing what `hotlive run` does
// in the engine benchmark: N HotLiveRtcStream calls (the generated plan's calls, stream by stream,
// region by region) at concurrency C against the same emulator.
//
// pop-core signs RPC V1 (HMAC-SHA1) and sends every request through its own
// http(s).Agent({keepAlive: true}) with no socket limit, so C workers keep C keep-alive
// connections busy. Its default method, GET, puts the signed parameters in the query string.
//
// Usage: NODE_PATH=PREFIX/node_modules node pop_core_bench.js ENDPOINT CALLS CONCURRENCY
// Env: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET (the emulator's demo account);
// REGIONS (optional, below).
// Prints one line of JSON: calls, failed, seconds, calls_per_s, p50_ms, p99_ms, max_rss_mb.
// Exits 1 if any call failed (the figures are printed all the same).
'use strict';

const RPCClient = require('@alicloud/pop-core');

const [endpoint, callsArg, concurrencyArg] = process.argv.slice(2);
const calls = Number(callsArg);
const concurrency = Number(concurrencyArg);
if (!endpoint || !(calls > 0) || !(concurrency > 0)) {
  console.error('usage: pop_core_bench.js ENDPOINT CALLS CONCURRENCY');
  process.exit(2);
}

// The plan's region order: REGIONS (codes separated by spaces, as `hotlive regions` lists them;
// scripts/bench passes all 204), else the 34 provincial codes.
const regions = (
  process.env.REGIONS ||
  'BEJ TAJ HEB SHX NMG LIA JIL HLJ SHH JSU ZHJ ANH FUJ JXI SHD HEN HUB HUN GUD GXI HAI CHQ SCH GUI YUN ' +
    'TIB SHA GAN QIH NXA XIN TAI HKG MAC'
).trim().split(/\s+/);

const client = new RPCClient({
  accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
  accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
  endpoint,
  apiVersion: '2016-11-01',
});

const latencies = new Float64Array(calls);
let next = 0;
let failed = 0;
let firstError = null;

async function worker() {
  for (let i = next++; i < calls; i = next++) {
    const params = {
      DomainName: 'rts.bench.example.com',
      AppName: 'live',
      StreamName: `channel-${String(Math.floor(i / regions.length)).padStart(5, '0')}`,
      RegionCode: regions[i % regions.length],
      AudioMsid: 'rts audio',
      VideoMsid: 'rts video',
    };
    const start = process.hrtime.bigint();
    try {
      await client.request('HotLiveRtcStream', params, {timeout: 10000});
    } catch (e) {
      failed++;
      firstError ??= `${e.code || e.name}: ${String(e.message).split(', URL: ')[0]}`;  // not the signed URL
    }
    latencies[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
}

(async () => {
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({length: concurrency}, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort();
  const at = (q) => latencies[Math.min(calls - 1, Math.floor(q * calls))];
  const result = {
    calls,
    failed,
    seconds: +seconds.toFixed(3),
    calls_per_s: Math.round(calls / seconds),
    p50_ms: +at(0.5).toFixed(2),
    p99_ms: +at(0.99).toFixed(2),
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),  // maxRSS is in KiB
  };
  if (firstError) result.first_error = firstError;
  console.log(JSON.stringify(result));
  process.exit(failed ? 1 : 0);
})();
