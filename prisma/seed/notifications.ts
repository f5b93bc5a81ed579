// Demo notifications: the alert topics and areas (districts and streets) of Lipnice, a crisis alert valid
// now (the banner on every page), older and scheduled alerts, the demo citizen's preferences (with their
// consent history and a verified phone for SMS) and a few messages in the citizen's communication history.
// Times are relative to the seeding moment. Idempotent: a town that has topics is left alone.
import { DateTime } from "luxon";
import type { AlertSeverity, NoticeCategory, NotificationChannel, PrismaClient } from "../../api/src/generated/prisma/client.ts";

const TOPICS: { code: string; cs: string; en: string; descCs: string; descEn: string; isCrisis?: boolean; notice?: NoticeCategory }[] = [
  {
    code: "crisis",
    cs: "Krizové situace",
    en: "Crises",
    descCs: "Povodně, požáry, vichřice, evakuace.",
    descEn: "Floods, fires, storms, evacuations.",
    isCrisis: true,
  },
  {
    code: "water-outage",
    cs: "Odstávky vody",
    en: "Water outages",
    descCs: "Plánované i havarijní přerušení dodávky vody.",
    descEn: "Planned and emergency water supply cuts.",
  },
  {
    code: "power-outage",
    cs: "Výpadky elektřiny",
    en: "Power outages",
    descCs: "Odstávky a poruchy dodávky elektřiny.",
    descEn: "Planned and unplanned power cuts.",
  },
  { code: "gas-outage", cs: "Odstávky plynu", en: "Gas outages", descCs: "Přerušení dodávky plynu.", descEn: "Gas supply cuts." },
  {
    code: "roadworks",
    cs: "Uzavírky a opravy silnic",
    en: "Roadworks and closures",
    descCs: "Uzavírky, objížďky, opravy komunikací.",
    descEn: "Closures, detours, road repairs.",
  },
  {
    code: "council-meetings",
    cs: "Zasedání zastupitelstva",
    en: "Council meetings",
    descCs: "Pozvánky na zasedání zastupitelstva.",
    descEn: "Invitations to council meetings.",
    notice: "COUNCIL_MEETINGS",
  },
  { code: "culture", cs: "Kultura a sport", en: "Culture and sport", descCs: "Akce v obci.", descEn: "Events in the town." },
  {
    code: "notices-building",
    cs: "Nová stavební řízení na úřední desce",
    en: "New building proceedings on the notice board",
    descCs: "Když se na desce objeví stavební řízení.",
    descEn: "When a building proceeding is posted.",
    notice: "BUILDING_PROCEEDINGS",
  },
  {
    code: "notices-announcements",
    cs: "Nová oznámení na úřední desce",
    en: "New announcements on the notice board",
    descCs: "Když se na desce objeví oznámení.",
    descEn: "When an announcement is posted.",
    notice: "ANNOUNCEMENTS",
  },
];

const DISTRICTS: { code: string; name: string; streets: string[] }[] = [
  { code: "lipnice", name: "Lipnice", streets: ["Náměstí Míru", "Lipová", "Školní", "Zahradní"] },
  { code: "horni-lipnice", name: "Horní Lipnice", streets: ["Polní", "Na Kopci", "Lesní"] },
  { code: "kazimirov", name: "Kazimírov", streets: ["K Rybníku", "Sázavská", "U Mlýna"] },
];

function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export async function seedDemoNotifications(prisma: PrismaClient, now = DateTime.now()): Promise<void> {
  const town = await prisma.municipality.findUnique({ where: { slug: "lipnice" } });
  if (!town || (await prisma.notificationTopic.count({ where: { municipalityId: town.id } })) > 0) return;
  const municipalityId = town.id;
  const at = (duration: Parameters<DateTime["plus"]>[0]) => now.plus(duration).toJSDate();

  const topics = new Map<string, string>();
  for (const [position, topic] of TOPICS.entries()) {
    const row = await prisma.notificationTopic.create({
      data: {
        municipalityId,
        code: topic.code,
        nameCs: topic.cs,
        nameEn: topic.en,
        descriptionCs: topic.descCs,
        descriptionEn: topic.descEn,
        isCrisis: topic.isCrisis ?? false,
        noticeCategory: topic.notice ?? null,
        position,
      },
    });
    topics.set(topic.code, row.id);
  }
  const areas = new Map<string, string>();
  const wholeTown = await prisma.notificationArea.create({ data: { municipalityId, kind: "TOWN", code: "obec", name: "Celá obec" } });
  areas.set("obec", wholeTown.id);
  for (const district of DISTRICTS) {
    const row = await prisma.notificationArea.create({
      data: { municipalityId, kind: "DISTRICT", code: district.code, name: district.name },
    });
    areas.set(district.code, row.id);
    for (const street of district.streets) {
      const streetRow = await prisma.notificationArea.create({
        data: { municipalityId, kind: "STREET", code: `${district.code}-${slug(street)}`, name: street, parentId: row.id },
      });
      areas.set(slug(street), streetRow.id);
    }
  }

  const clerk = await prisma.user.findFirst({ where: { municipalityId, email: "referent@lipnice.example" } });
  const citizen = await prisma.user.findFirst({ where: { municipalityId, email: "obcan@lipnice.example" } });

  // The demo citizen lives in Lipová: water outages there, roadworks in the district, crises anywhere.
  if (citizen) {
    const phone = "+420601123456";
    await prisma.notificationProfile.create({
      data: {
        userId: citizen.id,
        municipalityId,
        smsPhone: phone,
        smsPhoneVerifiedAt: at({ days: -30 }),
        reminderChannels: ["EMAIL", "SMS"],
        paymentChannels: ["EMAIL"],
        submissionChannels: ["EMAIL"],
        officialDelivery: "POST",
        officialDeliveryAddress: "Lipová 12, 582 32 Lipnice",
      },
    });
    await prisma.phoneVerification.create({
      data: {
        municipalityId,
        userId: citizen.id,
        phone,
        codeHash: "seeded",
        expiresAt: at({ days: -30, minutes: 10 }),
        verifiedAt: at({ days: -30 }),
        createdAt: at({ days: -30 }),
      },
    });
    const preferences: [string, string, NotificationChannel][] = [
      ["crisis", "obec", "SMS"],
      ["crisis", "obec", "EMAIL"],
      ["water-outage", "lipova", "EMAIL"],
      ["water-outage", "lipova", "SMS"],
      ["roadworks", "lipnice", "EMAIL"],
      ["council-meetings", "obec", "EMAIL"],
    ];
    for (const [topic, area, channel] of preferences) {
      await prisma.notificationPreference.create({
        data: {
          municipalityId,
          userId: citizen.id,
          topicId: topics.get(topic)!,
          areaId: areas.get(area)!,
          channel,
          createdAt: at({ days: -30 }),
        },
      });
      await prisma.consentEvent.create({
        data: {
          municipalityId,
          userId: citizen.id,
          channel,
          topicId: topics.get(topic)!,
          areaId: areas.get(area)!,
          granted: true,
          source: "PREFERENCES",
          createdAt: at({ days: -30 }),
        },
      });
    }
    // A choice made and taken back: the history shows both.
    await prisma.consentEvent.createMany({
      data: [
        {
          municipalityId,
          userId: citizen.id,
          channel: "EMAIL",
          topicId: topics.get("culture")!,
          areaId: wholeTown.id,
          granted: true,
          source: "PREFERENCES",
          createdAt: at({ days: -30 }),
        },
        {
          municipalityId,
          userId: citizen.id,
          channel: "EMAIL",
          topicId: topics.get("culture")!,
          areaId: wholeTown.id,
          granted: false,
          source: "UNSUBSCRIBE_LINK",
          createdAt: at({ days: -12 }),
        },
        {
          municipalityId,
          userId: citizen.id,
          channel: "SMS",
          messageKind: "PAYMENT_REMINDER",
          granted: true,
          source: "PREFERENCES",
          createdAt: at({ days: -30 }),
        },
      ],
    });
  }

  interface DemoAlert {
    key: string;
    severity: AlertSeverity;
    titleCs: string;
    titleEn: string;
    bodyCs: string;
    bodyEn: string;
    topics: string[];
    areas: string[];
    channels: NotificationChannel[];
    publishedAt: Date | null;
    validFrom: Date;
    validTo: Date | null;
    /** Delivered to the demo citizen by these channels. */
    citizen?: NotificationChannel[];
  }
  const alerts: DemoAlert[] = [
    {
      key: "flood",
      severity: "CRISIS",
      titleCs: "Povodňová pohotovost na Sázavě",
      titleEn: "Flood alert on the Sázava river",
      bodyCs:
        "Hladina Sázavy stoupá, v Kazimírově platí 2. stupeň povodňové aktivity (pohotovost). Obyvatelé ulic K Rybníku, Sázavská a U Mlýna: přesuňte cennosti do vyšších pater a sledujte pokyny obce. Pytle s pískem jsou k vyzvednutí u hasičské zbrojnice. Krizová linka obce: 601 000 112.",
      bodyEn:
        "The Sázava river is rising; flood alert level 2 is in force in Kazimírov. Residents of K Rybníku, Sázavská and U Mlýna: move valuables upstairs and follow the town's instructions. Sandbags are available at the fire station. Town crisis line: 601 000 112.",
      topics: ["crisis"],
      areas: ["kazimirov"],
      channels: ["PUSH", "SMS", "EMAIL"],
      publishedAt: at({ hours: -2 }),
      validFrom: at({ hours: -2 }),
      validTo: at({ days: 2 }),
      citizen: ["SMS", "EMAIL"],
    },
    {
      key: "water",
      severity: "WARNING",
      titleCs: "Odstávka vody v ulici Lipová",
      titleEn: "Water outage in Lipová street",
      bodyCs: "Kvůli opravě vodovodního řadu nepoteče voda v ulici Lipová od 8:00 do 14:00. Cisterna s pitnou vodou bude stát u č. p. 20.",
      bodyEn:
        "Because of a water main repair there will be no water in Lipová street from 8:00 to 14:00. A drinking water tanker will stand at no. 20.",
      topics: ["water-outage"],
      areas: ["lipova"],
      channels: ["SMS", "EMAIL"],
      publishedAt: at({ days: -8 }),
      validFrom: at({ days: -7, hours: -2 }),
      validTo: at({ days: -7, hours: 4 }),
      citizen: ["SMS", "EMAIL"],
    },
    {
      key: "roadworks",
      severity: "INFO",
      titleCs: "Uzavírka Školní ulice",
      titleEn: "Školní street closed",
      bodyCs: "Školní ulice bude kvůli pokládce nového povrchu uzavřena. Objížďka vede ulicí Zahradní.",
      bodyEn: "Školní street will be closed for resurfacing. The detour goes through Zahradní street.",
      topics: ["roadworks"],
      areas: ["skolni"],
      channels: ["EMAIL", "PUSH"],
      publishedAt: at({ days: -3 }),
      validFrom: at({ days: -1 }),
      validTo: at({ days: 14 }),
      citizen: ["EMAIL"],
    },
    {
      key: "council",
      severity: "INFO",
      titleCs: "Zasedání zastupitelstva obce",
      titleEn: "Town council meeting",
      bodyCs: "Zveme vás na veřejné zasedání zastupitelstva v sále kulturního domu. Program je na úřední desce.",
      bodyEn: "You are invited to the public council meeting in the community hall. The agenda is on the notice board.",
      topics: ["council-meetings"],
      areas: [],
      channels: ["EMAIL"],
      publishedAt: at({ days: -20 }),
      validFrom: at({ days: -20 }),
      validTo: at({ days: -13 }),
      citizen: ["EMAIL"],
    },
    {
      key: "concert",
      severity: "INFO",
      titleCs: "Letní koncert na náměstí",
      titleEn: "Summer concert on the square",
      bodyCs: "Na Náměstí Míru zahraje dechová hudba. Vstup volný.",
      bodyEn: "A brass band plays on Náměstí Míru. Admission free.",
      topics: ["culture"],
      areas: [],
      channels: ["EMAIL", "PUSH"],
      publishedAt: null,
      validFrom: at({ days: 7 }),
      validTo: at({ days: 7, hours: 4 }),
    },
  ];

  for (const alert of alerts) {
    const scheduledAt = alert.publishedAt ?? at({ days: 6 });
    const created = await prisma.alert.create({
      data: {
        municipalityId,
        severity: alert.severity,
        status: alert.publishedAt ? "SENT" : "SCHEDULED",
        titleCs: alert.titleCs,
        titleEn: alert.titleEn,
        bodyCs: alert.bodyCs,
        bodyEn: alert.bodyEn,
        channels: alert.channels,
        validFrom: alert.validFrom,
        validTo: alert.validTo,
        scheduledAt,
        publishedAt: alert.publishedAt,
        sentAt: alert.publishedAt,
        createdById: clerk?.id ?? null,
        createdAt: alert.publishedAt ?? at({ hours: -1 }),
        topics: { create: alert.topics.map((code) => ({ topicId: topics.get(code)! })) },
        areas: { create: alert.areas.map((code) => ({ areaId: areas.get(code)! })) },
      },
    });
    if (!alert.publishedAt) continue;
    const prefix = { INFO: ["", ""], WARNING: ["Výstraha: ", "Warning: "], CRISIS: ["KRIZOVÁ SITUACE: ", "CRISIS: "] }[alert.severity];
    const message = await prisma.message.create({
      data: {
        municipalityId,
        kind: "ALERT",
        dedupKey: `alert:${created.id}`,
        alertId: created.id,
        severity: alert.severity,
        subjectCs: `${prefix[0]}${alert.titleCs}`,
        bodyCs: alert.bodyCs,
        subjectEn: `${prefix[1]}${alert.titleEn}`,
        bodyEn: alert.bodyEn,
        path: `/upozorneni/${created.id}`,
        fanoutCursor: "done:",
        fanoutDoneAt: alert.publishedAt,
        createdAt: alert.publishedAt,
      },
    });
    if (citizen && alert.citizen) {
      await prisma.messageDelivery.createMany({
        data: alert.citizen.map((channel) => ({
          municipalityId,
          messageId: message.id,
          userId: citizen.id,
          channel,
          recipientKey: citizen.id,
          address: channel === "SMS" ? "+420601123456" : citizen.email,
          status: "SENT" as const,
          attempts: 1,
          sentAt: new Date(alert.publishedAt!.getTime() + 20_000),
          createdAt: alert.publishedAt!,
        })),
      });
    }
  }

  // A reminder the citizen received before the due date of the dog fee (see prisma/seed/account.ts).
  if (citizen) {
    const dogFee = await prisma.assessment.findFirst({
      where: { municipalityId, payer: { links: { some: { userId: citizen.id } } }, kind: "DOG_FEE", lifecycle: "ACTIVE" },
      orderBy: { year: "desc" },
    });
    if (dogFee) {
      const sentAt = at({ days: -40 });
      const reminder = await prisma.message.create({
        data: {
          municipalityId,
          kind: "PAYMENT_REMINDER",
          dedupKey: `reminder:${dogFee.id}:1:-14:${citizen.id}`,
          userId: citizen.id,
          assessmentId: dogFee.id,
          subjectCs: `Připomínka splatnosti: ${dogFee.subject}`,
          bodyCs: `Blíží se splatnost: ${dogFee.subject}. Zaplatit můžete i kartou nebo QR kódem v osobním účtu.`,
          subjectEn: `Payment due soon: ${dogFee.subject}`,
          bodyEn: `A payment is due soon: ${dogFee.subject}. You can also pay by card or QR code in your personal account.`,
          path: "/osobni-ucet",
          createdAt: sentAt,
        },
      });
      await prisma.messageDelivery.createMany({
        data: [
          {
            municipalityId,
            messageId: reminder.id,
            userId: citizen.id,
            channel: "EMAIL",
            recipientKey: citizen.id,
            address: citizen.email,
            status: "SENT",
            attempts: 1,
            sentAt,
            createdAt: sentAt,
          },
          {
            municipalityId,
            messageId: reminder.id,
            userId: citizen.id,
            channel: "SMS",
            recipientKey: citizen.id,
            address: "+420601123456",
            status: "SENT",
            attempts: 2,
            sentAt,
            createdAt: sentAt,
          },
        ],
      });
    }
  }
}
