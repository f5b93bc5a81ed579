// Writes the two demo statement files beside this script (run: node prisma/seed/statements/write-demo-statements.ts).
// They are committed; the script documents what is in them and rewrites them identically.
// Both pay the demo town's assessments (prisma/seed/account.ts): the GPC pays Jana's waste fee 1104201 in
// full and Pavel's 1104202 in part, has a credit with an unknown VS (unpaired) and a debit; the camt.053
// pays the fine 4104201 (KS 0558) second installment and has a credit without a VS (for manual pairing).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { camt053Text, gpcBytes, type SyntheticStatement } from "../../../api/src/integrations/bank-statements/synthetic.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

export const DEMO_GPC: SyntheticStatement = {
  account: "123456788",
  bankCode: "0100",
  ownerName: "OBEC LIPNICE",
  number: 23,
  openingDate: "2026-05-28",
  date: "2026-05-29",
  openingBalance: 123_456_789,
  lines: [
    {
      amount: 90_000,
      direction: "CREDIT",
      counterAccount: { number: "19-2000145399", bankCode: "0800" },
      counterpartyName: "NOVAKOVA JANA",
      variableSymbol: "1104201",
      message: "Poplatek odpad 2026 Novakova",
      valueDate: "2026-05-29",
      reference: "5290001",
    },
    {
      amount: 50_000,
      direction: "CREDIT",
      counterAccount: { number: "19-2000145399", bankCode: "0800" },
      counterpartyName: "NOVAK PAVEL",
      variableSymbol: "1104202",
      message: "Odpad Novak prvni cast",
      valueDate: "2026-05-29",
      reference: "5290002",
    },
    {
      amount: 35_000,
      direction: "CREDIT",
      counterAccount: { number: "2400123456", bankCode: "2010" },
      counterpartyName: "DVORAK TOMAS",
      variableSymbol: "9876501",
      message: "Poplatek",
      valueDate: "2026-05-29",
      reference: "5290003",
    },
    {
      amount: 125_000,
      direction: "DEBIT",
      counterAccount: { number: "2000100", bankCode: "0800" },
      counterpartyName: "TECHNICKE SLUZBY",
      variableSymbol: "2026117",
      message: "Faktura 2026117 svoz odpadu",
      valueDate: "2026-05-29",
      reference: "5290004",
    },
  ],
};

export const DEMO_CAMT: SyntheticStatement = {
  account: "94-9876543",
  bankCode: "0710",
  ownerName: "Obec Lipnice",
  number: 112,
  openingDate: "2026-11-19",
  date: "2026-11-20",
  openingBalance: 4_520_000,
  lines: [
    {
      amount: 100_000,
      direction: "CREDIT",
      counterAccount: { number: "19-2000145399", bankCode: "0800" },
      counterpartyName: "Jana Nováková",
      variableSymbol: "4104201",
      constantSymbol: "0558",
      message: "Pokuta splátka 2",
      valueDate: "2026-11-20",
      reference: "CNB-20261120-0001",
    },
    {
      amount: 60_000,
      direction: "CREDIT",
      counterAccount: { number: "19-2000145399", bankCode: "0800" },
      counterpartyName: "Jana Nováková",
      message: "Poplatek ze psa Alík 2026 Nováková",
      valueDate: "2026-11-20",
      reference: "CNB-20261120-0002",
    },
  ],
};

export const DEMO_GPC_FILE = path.join(here, "lipnice-kb-2026-023.gpc");
export const DEMO_CAMT_FILE = path.join(here, "lipnice-cnb-2026-112.xml");

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(DEMO_GPC_FILE, gpcBytes(DEMO_GPC));
  fs.writeFileSync(DEMO_CAMT_FILE, camt053Text(DEMO_CAMT));
  console.log(`wrote ${DEMO_GPC_FILE} and ${DEMO_CAMT_FILE}`);
}
