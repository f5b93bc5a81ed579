// Bank-statement parsing benchmark: generates a statement of BENCH_LINES lines (default 100 000) as GPC
// (windows-1250) and as camt.053 (UTF-8 XML), parses each BENCH_ROUNDS times (default 3) and prints the
// median parse time (wall clock and this process's CPU time: on a shared machine the CPU time is the
// steadier figure), lines per second and the share of the budget (import + pairing of 100 000
// lines in 10 s). Generation is not timed. Run on demand: `npx node bench/statements/parse.ts`; see
// bench/statements/README.md for the figures.
import { parseCamt053 } from "../../api/src/integrations/bank-statements/camt053.ts";
import { parseGpc } from "../../api/src/integrations/bank-statements/gpc.ts";
import { camt053Text, gpcBytes, syntheticStatement, turnovers } from "../../api/src/integrations/bank-statements/synthetic.ts";
import type { ParsedStatements } from "../../api/src/integrations/bank-statements/types.ts";

const lines = Number(process.env.BENCH_LINES ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const BUDGET_MS = 10_000;

const statement = syntheticStatement(lines, 2026);
const expectedClosing = turnovers(statement).closing;
const inputs: { format: string; bytes: Uint8Array; parse: (bytes: Uint8Array) => ParsedStatements }[] = [
  { format: "GPC (windows-1250)", bytes: gpcBytes(statement), parse: (bytes) => parseGpc(bytes) },
  {
    format: "camt.053.001.08 (UTF-8)",
    bytes: Buffer.from(camt053Text(statement, { version: 8 }), "utf8"),
    parse: (bytes) => parseCamt053(bytes),
  },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`${lines} lines, median of ${rounds} rounds, Node ${process.version}`);
console.log("format                    size MB   wall ms    CPU ms   lines/s (CPU)   of 10 s budget (CPU)   heap MB after");
for (const input of inputs) {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let heap = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = input.parse(input.bytes);
    const cpu = process.cpuUsage(cpuStarted);
    times.push(performance.now() - started);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    heap = process.memoryUsage().heapUsed / 1024 / 1024;
    const [parsed] = result.statements;
    if (parsed?.lines.length !== lines || parsed.closingBalance !== expectedClosing) throw new Error(`${input.format}: wrong result`);
  }
  const wall = median(times);
  const cpu = median(cpuTimes);
  console.log(
    [
      input.format.padEnd(24),
      (input.bytes.byteLength / 1024 / 1024).toFixed(1).padStart(8),
      wall.toFixed(0).padStart(8),
      cpu.toFixed(0).padStart(8),
      Math.round((lines / cpu) * 1000)
        .toString()
        .padStart(14),
      `${((cpu / BUDGET_MS) * 100).toFixed(1)} %`.padStart(21),
      heap.toFixed(0).padStart(14),
    ].join("  "),
  );
}
