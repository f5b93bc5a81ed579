// Demo life situations of Lipnice: this year's dog and waste fee tariffs, the demo citizen's dog Alík in the dog
// registry (the one her personal account's dog fee is for), and three of her submissions in different states: a
// dog registration waiting for the clerk (referent@lipnice.example reviews it with the FINANCE agenda and approving
// it puts the fee into the personal account), a general submission awaiting her answer to the office's question,
// and an approved one. Values are validated and summarised exactly as the API does at submit. Idempotent: a town
// that has submissions is left alone.
import { findFormDefinition, summarize, validateForm, type FormValues } from "@portal/forms";
import { EXAMPLE_VALUES } from "../../packages/forms/src/definitions/examples.ts";
import { DateTime } from "luxon";
import type { Prisma, PrismaClient, SubmissionEventType, SubmissionStatus } from "../../api/src/generated/prisma/client.ts";
import { BUSINESS_ZONE } from "../../api/src/clock.ts";
import { isNotified, submissionStatusTexts } from "../../api/src/services/submissions/record-submission-event.ts";
import { DEMO_ACCOUNT } from "./account.ts";

interface DemoSubmission {
  formId: string;
  values: FormValues;
  status: SubmissionStatus;
  daysAgo: number;
  events: { type: SubmissionEventType; byClerk: boolean; message?: string; daysAgo: number }[];
  decisionNote?: string;
}

export async function seedDemoSubmissions(prisma: PrismaClient, now = DateTime.now().setZone(BUSINESS_ZONE)): Promise<void> {
  const town = await prisma.municipality.findUnique({ where: { slug: "lipnice" } });
  if (!town || (await prisma.submission.count({ where: { municipalityId: town.id } })) > 0) return;
  const citizen = await prisma.user.findFirst({ where: { municipalityId: town.id, email: "obcan@lipnice.example" } });
  const clerk = await prisma.user.findFirst({ where: { municipalityId: town.id, email: "referent@lipnice.example" } });
  if (!citizen || !clerk) return;
  const y = now.year;
  const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

  // The town's ordinance: 600 Kč for the first dog, 900 Kč for each further one, 200 / 300 Kč for pensioners.
  await prisma.dogFeeTariff.create({
    data: {
      municipalityId: town.id,
      year: y,
      firstDog: 60_000n,
      furtherDog: 90_000n,
      pensionerFirstDog: 20_000n,
      pensionerFurtherDog: 30_000n,
      dueDate: utcDate(`${y}-03-31`),
      installmentCount: 1,
    },
  });
  await prisma.wasteFeeTariff.create({
    data: { municipalityId: town.id, year: y, perPerson: 90_000n, dueDate: utcDate(`${y}-05-31`), installmentCount: 1 },
  });

  // Alík, whose fee is in the demo personal account (prisma/seed/account.ts).
  const dogAssessment = await prisma.assessment.findFirst({
    where: { municipalityId: town.id, kind: "DOG_FEE", variableSymbol: DEMO_ACCOUNT.variableSymbols.dogJana },
  });
  if (dogAssessment) {
    await prisma.dog.create({
      data: {
        municipalityId: town.id,
        payerId: dogAssessment.payerId,
        name: "Alík",
        breed: "Český fousek",
        chipNumber: "203164000123456",
        birthDate: utcDate(`${y - 4}-06-01`),
        keptFrom: utcDate(`${y - 3}-04-01`),
        assessmentId: dogAssessment.id,
      },
    });
  }

  const today = now.toISODate()!;
  const daysAgo = (days: number) => now.minus({ days }).toISODate()!;
  const dogValues = {
    ...EXAMPLE_VALUES["dog-registration"],
    dogs: [
      {
        name: "Bella",
        breed: "Kříženec",
        sex: "FEMALE",
        birthDate: daysAgo(900),
        chipNumber: "203098100654321",
        keptSince: daysAgo(20),
        exempt: false,
      },
    ],
  };
  const submissions: DemoSubmission[] = [
    {
      formId: "dog-registration",
      values: dogValues,
      status: "SUBMITTED",
      daysAgo: 2,
      events: [{ type: "SUBMITTED", byClerk: false, daysAgo: 2 }],
    },
    {
      formId: "general-submission",
      values: {
        ...EXAMPLE_VALUES["general-submission"],
        subject: "Povolení k umístění kontejneru",
        message: "Dobrý den, prosím o povolení umístit velkoobjemový kontejner před domem Na Výsluní 12 na 3 dny v příštím měsíci.",
      },
      status: "INFORMATION_REQUESTED",
      daysAgo: 9,
      events: [
        { type: "SUBMITTED", byClerk: false, daysAgo: 9 },
        {
          type: "INFORMATION_REQUESTED",
          byClerk: true,
          daysAgo: 7,
          message: "Upřesněte prosím termín a rozměry kontejneru (zábor veřejného prostranství v m²).",
        },
      ],
    },
    {
      formId: "general-submission",
      values: EXAMPLE_VALUES["general-submission"]!,
      status: "APPROVED",
      daysAgo: 30,
      decisionNote: "Lavička byla opravena. Děkujeme za upozornění.",
      events: [
        { type: "SUBMITTED", byClerk: false, daysAgo: 30 },
        { type: "APPROVED", byClerk: true, daysAgo: 26, message: "Lavička byla opravena. Děkujeme za upozornění." },
      ],
    },
  ];

  // Oldest first, so the receipt numbers follow the order they were sent in.
  const ordered = [...submissions].sort((a, b) => b.daysAgo - a.daysAgo);
  for (const [index, demo] of ordered.entries()) {
    const definition = findFormDefinition(demo.formId)!;
    const { values, issues } = validateForm(definition, demo.values, { today });
    if (issues.length > 0) throw new Error(`Demo ${demo.formId} does not validate: ${issues.map((i) => i.path).join(", ")}`);
    const at = (days: number) =>
      now
        .minus({ days })
        .set({ hour: 10, minute: 15 + index })
        .toJSDate();
    const decided = demo.status === "APPROVED" || demo.status === "REJECTED";
    const submission = await prisma.submission.create({
      data: {
        municipalityId: town.id,
        number: `P-${y}-${String(index + 1).padStart(5, "0")}`,
        userId: citizen.id,
        formId: definition.id,
        formVersion: definition.version,
        agenda: definition.agenda,
        status: demo.status,
        values: values as Prisma.InputJsonObject,
        summary: summarize(definition, values) as unknown as Prisma.InputJsonObject,
        idempotencyKey: `demo-${index + 1}`,
        revision: demo.events.length,
        submittedAt: at(demo.daysAgo),
        decidedAt: decided ? at(demo.events.at(-1)!.daysAgo) : null,
        decidedById: decided ? clerk.id : null,
        decisionNote: demo.decisionNote ?? null,
        effect: decided ? ({ kind: definition.effect } as Prisma.InputJsonObject) : undefined,
      },
    });
    for (const event of demo.events) {
      const created = await prisma.submissionEvent.create({
        data: {
          municipalityId: town.id,
          submissionId: submission.id,
          userId: citizen.id,
          type: event.type,
          actorUserId: event.byClerk ? clerk.id : citizen.id,
          message: event.message ?? null,
          createdAt: at(event.daysAgo),
        },
      });
      // The citizen's message about the step, as recordSubmissionEvent queues it, already sent by e-mail.
      if (!isNotified(event.type)) continue;
      await prisma.message.create({
        data: {
          municipalityId: town.id,
          kind: "SUBMISSION_STATUS",
          dedupKey: `submission-event:${created.id}`,
          userId: citizen.id,
          submissionId: submission.id,
          ...submissionStatusTexts(town, submission, event.type, event.message ?? null),
          createdAt: created.createdAt,
          deliveries: {
            create: {
              municipalityId: town.id,
              userId: citizen.id,
              channel: "EMAIL",
              recipientKey: citizen.id,
              address: citizen.email,
              status: "SENT",
              attempts: 1,
              sentAt: new Date(created.createdAt.getTime() + 20_000),
              createdAt: created.createdAt,
            },
          },
        },
      });
    }
  }
}
