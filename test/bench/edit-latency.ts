// Measures, over a real stdio connection, how long the server takes from an
// edit to the updated cross-file diagnostics of another (closed) file, in a
// workspace of N record files. Prints figures; asserts nothing.
//   npm run bench -- [files=2000] [edits=40]
import { performance } from 'node:perf_hooks';
import { LspClient, makeWorkspace, uriOf } from '../lsp/client';

const N = Number(process.argv[2] ?? 2000);
const EDITS = Number(process.argv[3] ?? 40);

function guid(i: number, salt: number): string {
  const h = (i * 2654435761 + salt * 40503).toString(16).padStart(8, '0').slice(-8);
  return `${h}-${(salt + 4096).toString(16).slice(-4)}-4${(i % 4096).toString(16).padStart(3, '0')}-8${(salt % 4096).toString(16).padStart(3, '0')}-${i.toString(16).padStart(12, '0')}`;
}

function record(i: number, subGuid: string, since: string, until?: string): string {
  return `version: 1
customer:
  name: Customer ${i}
  tenantId: ${guid(i, 1)}
  segment: ${i % 3 === 0 ? 'smb' : 'enterprise'}
agreements:
  - id: EA-${100000 + i}
    kind: EA
subscriptions:
  - id: ${subGuid}
    name: prod-${i}
    product: Azure
    licensing: EA
    agreement: EA-${100000 + i}
  - id: ${guid(i, 3)}
    name: dev-${i}
    product: Azure
    licensing: AzurePlan
associations:
  - type: DPOR
    partnerId: ${1000000 + (i % 500)}
    subscription: prod-${i}
    solutionAreas: [infrastructure, data-ai]
    since: ${since}${until ? `\n    until: ${until}` : ''}
  - type: PAL
    partnerId: 1234567
    identity: { kind: service-principal, objectId: ${guid(i, 4)} }
    subscription: dev-${i}
    solutionAreas: [infrastructure]
  - type: CPOR
    partnerId: 1234567
    role: OSU
    recognition: usage
    workload: Teams
    solutionAreas: [modern-work]
`;
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `min ${s[0].toFixed(1)} ms, median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
}

async function main() {
  const files: Record<string, string> = {};
  for (let i = 0; i < N; i++) files[`customers/c${i}.assoc.yaml`] = record(i, guid(i, 2), '2024-01-01');
  // Two records that share a subscription: file A's DPOR conflicts with file B's unless A ends it first.
  const shared = guid(999999, 9);
  const conflicting = record(N, shared, '2024-01-01');
  const resolved = record(N, shared, '2024-01-01', '2024-05-31');
  files['a.assoc.yaml'] = conflicting;
  files['b.assoc.yaml'] = record(N + 1, shared, '2024-06-01');
  const dir = makeWorkspace(files);
  const client = new LspClient(dir);
  const a = uriOf(dir, 'a.assoc.yaml');
  const b = uriOf(dir, 'b.assoc.yaml');

  const t0 = performance.now();
  await client.start();
  await client.waitFor(b, (ds) => ds.length === 1, 120000);
  const last = uriOf(dir, `customers/c${N - 1}.assoc.yaml`);
  await client.waitFor(last, () => true, 120000);
  const startup = performance.now() - t0;

  await client.open(a, conflicting, 1);
  const latencies: number[] = [];
  for (let v = 2; v < EDITS + 2; v++) {
    const resolve = v % 2 === 0;
    const start = performance.now();
    await client.change(a, v, [{ text: resolve ? resolved : conflicting }]);
    await client.waitFor(b, (ds) => ds.length === (resolve ? 0 : 1), 10000);
    latencies.push(performance.now() - start);
  }
  await client.stop();
  console.log(`workspace: ${N + 2} record files`);
  console.log(`start-up to all diagnostics published: ${startup.toFixed(0)} ms`);
  console.log(`edit -> cross-file diagnostics of a closed file (${EDITS} edits, whole-document changes, includes the 20 ms debounce): ${stats(latencies)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
