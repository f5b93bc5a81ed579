// Demo notice board: a realistic board for the demo town Lipnice (current, scheduled, archived and
// withdrawn notices, one corrected by a revision, PDF attachments generated here) and two notices
// for Horní Lhota. Dates are relative to the seed time, so a fresh demo always has a live board.
// Idempotent: a municipality that already has notices is left alone.
import { DateTime } from "luxon";
import type { NoticeCategory, Prisma, PrismaClient } from "../../api/src/generated/prisma/client.ts";
import { BUSINESS_ZONE } from "../../api/src/clock.ts";
import { loadConfig } from "../../api/src/config.ts";
import { dateColumn, takeDownMoment } from "../../api/src/domain/notice-window.ts";
import { createFileStore, fileStoreDirectory } from "../../api/src/integrations/file-store.ts";
import { minimumRelevantUntilFor, noticeSearchText } from "../../api/src/services/notices/notice-rules.ts";

/**
 * A small, valid one-page PDF (PDF 1.4, Helvetica) with a title and lines of text. The page text is
 * written without diacritics (the standard fonts' encoding lacks č, ř, ě…); the document title in
 * the metadata keeps them (UTF-16).
 */
export function minimalPdf(title: string, lines: readonly string[]): Buffer {
  const ascii = (text: string) =>
    text
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, "")
      .replace(/[^\x20-\x7e]/g, "?")
      .replace(/[\\()]/g, (c) => `\\${c}`);
  const utf16 = (text: string) => `<FEFF${Buffer.from(text, "utf16le").swap16().toString("hex").toUpperCase()}>`;
  const content = [
    "BT",
    "/F1 16 Tf",
    "56 780 Td",
    `(${ascii(title)}) Tj`,
    "/F1 11 Tf",
    ...lines.flatMap((line) => ["0 -22 Td", `(${ascii(line)}) Tj`]),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    `<< /Title ${utf16(title)} /Producer (Portal obcana) >>`,
  ];
  let pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

interface DemoNotice {
  category: NoticeCategory;
  title: string;
  description: string;
  originator?: string;
  originatorIco?: string;
  referenceNumber?: string;
  fileMark?: string;
  /** Days relative to the seed day (negative: in the past), posted at 8:00 Prague time. */
  postedDays: number;
  /** "Relevant until" in days after the posting day; default the legal minimum. */
  relevantDays?: number;
  attachments?: { fileName: string; lines: string[] }[];
  /** Withdrawn this many days after the seed day (negative: in the past), with the reason. */
  withdrawn?: { days: number; reason: string };
  /** A corrected revision made one day after posting. */
  correction?: { title?: string; description?: string; reason: string };
  draft?: boolean;
}

function lipniceNotices(today: DateTime): DemoNotice[] {
  const meeting = today.plus({ days: 4 });
  const pastMeeting = today.minus({ days: 33 });
  const format = (day: DateTime) => day.setLocale("cs").toFormat("d. M. yyyy");
  return [
    {
      category: "DECREES",
      title: "Obecně závazná vyhláška č. 2/2026 o místním poplatku za obecní systém odpadového hospodářství",
      description:
        "Zastupitelstvo města Lipnice vydalo obecně závaznou vyhlášku, kterou se stanoví místní poplatek za obecní systém " +
        "odpadového hospodářství na rok 2027. Sazba poplatku činí 780 Kč za osobu a kalendářní rok, splatnost do 31. března.",
      referenceNumber: "MULI/4821/2026",
      fileMark: "OF/112/2026",
      postedDays: -5,
      relevantDays: 30,
      attachments: [
        {
          fileName: "OZV 2-2026 poplatek za odpad.pdf",
          lines: [
            "Obecne zavazna vyhlaska c. 2/2026",
            "o mistnim poplatku za obecni system odpadoveho hospodarstvi",
            "Sazba: 780 Kc / osoba / rok",
          ],
        },
      ],
    },
    {
      category: "COUNCIL_MEETINGS",
      title: `Informace o konání zasedání Zastupitelstva města Lipnice dne ${format(meeting)}`,
      description:
        `Zasedání se koná ${format(meeting)} od 18:00 v obřadní síni radnice, Náměstí Míru 1. ` +
        "Program: 1. Zahájení, 2. Rozpočtové opatření č. 5/2026, 3. Prodej pozemku p. č. 1234/5, 4. Diskuse.",
      postedDays: -3,
      relevantDays: 7,
      attachments: [
        {
          fileName: "Program zasedání zastupitelstva.pdf",
          lines: ["Program zasedani zastupitelstva", "1. Zahajeni", "2. Rozpoctove opatreni c. 5/2026"],
        },
      ],
    },
    {
      category: "BUDGET",
      title: "Návrh rozpočtu města Lipnice na rok 2027",
      description: "Návrh rozpočtu je zveřejněn k připomínkám občanů. Připomínky lze podat písemně nebo ústně na zasedání zastupitelstva.",
      referenceNumber: "MULI/4700/2026",
      postedDays: -8,
      relevantDays: 20,
      attachments: [
        {
          fileName: "Návrh rozpočtu 2027.pdf",
          lines: ["Navrh rozpoctu mesta Lipnice na rok 2027", "Prijmy: 84 512 000 Kc", "Vydaje: 91 230 000 Kc"],
        },
      ],
    },
    {
      category: "PROPERTY_INTENTS",
      title: "Záměr prodeje pozemku p. č. 1234/5 v k. ú. Lipnice",
      description: "Město Lipnice zveřejňuje záměr prodeje pozemku p. č. 1234/5 (zahrada) o výměře 412 m² v katastrálním území Lipnice.",
      referenceNumber: "MULI/4790/2026",
      fileMark: "MAJ/58/2026",
      postedDays: -2,
      attachments: [{ fileName: "Snímek katastrální mapy.pdf", lines: ["Snimek katastralni mapy", "Pozemek p. c. 1234/5, k. u. Lipnice"] }],
      correction: {
        description: "Město Lipnice zveřejňuje záměr prodeje pozemku p. č. 1234/5 (zahrada) o výměře 421 m² v katastrálním území Lipnice.",
        reason: "Oprava chybně uvedené výměry pozemku (správně 421 m²).",
      },
    },
    {
      category: "BUILDING_PROCEEDINGS",
      title: "Oznámení o zahájení stavebního řízení – rodinný dům Lipnice č. p. 245",
      description:
        "Stavební úřad oznamuje zahájení stavebního řízení o změně stavby rodinného domu. Účastníci mohou uplatnit námitky do 10 dnů.",
      originator: "Městský úřad Lipnice, stavební úřad",
      referenceNumber: "MULI/SU/3312/2026",
      fileMark: "SU/245/2026/Nov",
      postedDays: -10,
    },
    {
      category: "OTHER_AUTHORITIES",
      title: "Veřejná vyhláška – hromadný předpisný seznam daně z nemovitých věcí na rok 2026",
      description: "Finanční úřad zpřístupňuje hromadný předpisný seznam k nahlédnutí na územním pracovišti.",
      originator: "Finanční úřad pro Kraj Vysočina",
      originatorIco: "72080043",
      referenceNumber: "FU-2026/118334",
      postedDays: -1,
    },
    {
      category: "TENDERS",
      title: "Výběrové řízení na pozici referent/referentka stavebního úřadu",
      description: "Tajemník Městského úřadu Lipnice vyhlašuje výběrové řízení na obsazení pracovního místa referenta stavebního úřadu.",
      postedDays: -6,
      relevantDays: 25,
      attachments: [
        { fileName: "Oznámení o výběrovém řízení.pdf", lines: ["Oznameni o vyberovem rizeni", "Referent/ka stavebniho uradu"] },
      ],
    },
    {
      category: "ANNOUNCEMENTS",
      title: "Oznámení o přerušení dodávky elektřiny – ulice Polní a Zahradní",
      description: "Z důvodu plánovaných prací na zařízení distribuční soustavy bude přerušena dodávka elektřiny od 7:30 do 15:00.",
      originator: "ČEZ Distribuce, a. s.",
      originatorIco: "24729035",
      postedDays: -4,
    },
    {
      category: "ANNOUNCEMENTS",
      title: "Mobilní svoz nebezpečného odpadu – jarní termín",
      description: "Svoz nebezpečného odpadu proběhne na parkovišti u sokolovny. Přijímají se barvy, oleje, baterie a léky.",
      postedDays: 3,
      relevantDays: 18,
    },
    {
      category: "DECREES",
      title: "Nařízení města Lipnice č. 1/2026, kterým se zakazuje podomní a pochůzkový prodej",
      description: "Rada města vydala nařízení zakazující podomní a pochůzkový prodej na celém území města.",
      referenceNumber: "MULI/2210/2026",
      postedDays: -60,
      relevantDays: 20,
      attachments: [
        { fileName: "Nařízení 1-2026.pdf", lines: ["Narizeni mesta Lipnice c. 1/2026", "Zakaz podomniho a pochuzkoveho prodeje"] },
      ],
    },
    {
      category: "COUNCIL_MEETINGS",
      title: `Informace o konání zasedání Zastupitelstva města Lipnice dne ${format(pastMeeting)}`,
      description: `Zasedání se konalo ${format(pastMeeting)} od 18:00 v obřadní síni radnice.`,
      postedDays: -40,
      relevantDays: 7,
    },
    {
      category: "ANNOUNCEMENTS",
      title: "Oznámení o uzavírce silnice III/3475 v úseku Lipnice – Horní Lhota",
      description: "Silnice bude uzavřena z důvodu opravy mostu. Objížďka povede přes obec Dolní Lhota.",
      originator: "Krajská správa a údržba silnic Vysočiny",
      postedDays: -7,
      withdrawn: { days: -2, reason: "Uzavírka byla zrušena; oprava mostu se přesouvá na příští rok." },
    },
    {
      category: "ANNOUNCEMENTS",
      title: "Pozvánka na veřejné projednání územní studie Za Školou",
      description: "Koncept – termín projednání bude doplněn.",
      postedDays: 10,
      draft: true,
    },
  ];
}

function horniLhotaNotices(today: DateTime): DemoNotice[] {
  const meeting = today.plus({ days: 5 });
  return [
    {
      category: "COUNCIL_MEETINGS",
      title: `Zasedání zastupitelstva obce Horní Lhota dne ${meeting.setLocale("cs").toFormat("d. M. yyyy")}`,
      description: "Zasedání se koná v budově obecního úřadu od 19:00. Program: rozpočtové opatření, pronájem hasičské zbrojnice.",
      postedDays: -2,
      relevantDays: 7,
    },
    {
      category: "BUDGET",
      title: "Schválený rozpočet obce Horní Lhota na rok 2026",
      description: "Rozpočet byl schválen zastupitelstvem obce. Do listinné podoby lze nahlédnout na obecním úřadě.",
      postedDays: -90,
      relevantDays: 30,
    },
  ];
}

export async function seedDemoNotices(prisma: PrismaClient, options: { now?: Date; filesDir?: string } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const today = DateTime.fromJSDate(now, { zone: BUSINESS_ZONE }).startOf("day");
  const store = createFileStore(options.filesDir ?? fileStoreDirectory(loadConfig().DATA_DIR));
  const towns = [
    { slug: "lipnice", clerkEmail: "referent@lipnice.example", notices: lipniceNotices(today) },
    { slug: "horni-lhota", clerkEmail: null, notices: horniLhotaNotices(today) },
  ];
  for (const { slug, clerkEmail, notices } of towns) {
    const municipality = await prisma.municipality.findUnique({ where: { slug }, select: { id: true, name: true } });
    if (!municipality || (await prisma.notice.count({ where: { municipalityId: municipality.id } })) > 0) continue;
    const clerk = clerkEmail
      ? await prisma.user.findUnique({ where: { municipalityId_email: { municipalityId: municipality.id, email: clerkEmail } } })
      : null;
    for (const demo of notices) await seedNotice(prisma, store, { municipality, clerkId: clerk?.id ?? null, today, now, demo });
  }
}

async function seedNotice(
  prisma: PrismaClient,
  store: ReturnType<typeof createFileStore>,
  args: { municipality: { id: string; name: string }; clerkId: string | null; today: DateTime; now: Date; demo: DemoNotice },
): Promise<void> {
  const { municipality, clerkId, today, now, demo } = args;
  const postedAt = today.plus({ days: demo.postedDays, hours: 8 }).toJSDate();
  const relevantUntil = demo.relevantDays
    ? DateTime.fromJSDate(postedAt, { zone: BUSINESS_ZONE }).startOf("day").plus({ days: demo.relevantDays }).toISODate()!
    : minimumRelevantUntilFor(demo.category, postedAt);
  const createdAt = DateTime.fromJSDate(postedAt).minus({ days: 1 }).toJSDate();
  const approvedAt = DateTime.fromJSDate(postedAt).minus({ hours: 2 }).toJSDate();
  const fileIds: string[] = [];
  for (const attachment of demo.attachments ?? []) {
    const bytes = minimalPdf(attachment.fileName.replace(/\.pdf$/, ""), attachment.lines);
    const { storageKey, sha256 } = await store.put(bytes);
    const file = await prisma.storedFile.create({
      data: {
        municipalityId: municipality.id,
        fileName: attachment.fileName,
        mimeType: "application/pdf",
        size: bytes.length,
        sha256,
        storageKey,
        createdById: clerkId,
        createdAt,
      },
    });
    fileIds.push(file.id);
  }
  const originator = demo.originator ?? municipality.name;
  const original = {
    title: demo.title,
    description: demo.description,
    originator,
    referenceNumber: demo.referenceNumber ?? null,
    fileMark: demo.fileMark ?? null,
  };
  const corrected = demo.correction ? { ...original, ...demo.correction } : original;
  const withdrawnAt = demo.withdrawn ? today.plus({ days: demo.withdrawn.days, hours: 10 }).toJSDate() : null;
  const takeDownAt = withdrawnAt ?? takeDownMoment(relevantUntil);
  const approved = !demo.draft;
  const actor = { actorUserId: clerkId };
  const notice = await prisma.notice.create({
    data: {
      municipalityId: municipality.id,
      status: demo.draft ? "DRAFT" : withdrawnAt ? "WITHDRAWN" : "APPROVED",
      title: corrected.title,
      description: corrected.description,
      category: demo.category,
      originator,
      originatorIco: demo.originatorIco ?? null,
      referenceNumber: original.referenceNumber,
      fileMark: original.fileMark,
      postedAt,
      relevantUntil: dateColumn(relevantUntil),
      takeDownAt,
      revision: demo.correction ? 2 : 1,
      searchText: noticeSearchText(corrected),
      createdById: clerkId,
      approvedById: approved ? clerkId : null,
      approvedAt: approved ? approvedAt : null,
      withdrawnById: withdrawnAt ? clerkId : null,
      withdrawnAt,
      withdrawalReason: demo.withdrawn?.reason ?? null,
      createdAt,
      attachments: { create: fileIds.map((fileId, position) => ({ fileId, position })) },
    },
  });
  const events: Prisma.NoticeEventCreateManyInput[] = [
    { noticeId: notice.id, type: "CREATED", ...actor, postedAt, takeDownAt: takeDownMoment(relevantUntil), createdAt },
  ];
  if (approved) {
    await prisma.noticeRevision.create({
      data: {
        noticeId: notice.id,
        revision: 1,
        ...original,
        category: demo.category,
        attachmentIds: fileIds,
        createdById: clerkId,
        createdAt: approvedAt,
      },
    });
    events.push({
      noticeId: notice.id,
      type: "APPROVED",
      ...actor,
      postedAt,
      takeDownAt: takeDownMoment(relevantUntil),
      revision: 1,
      createdAt: approvedAt,
    });
  }
  if (demo.correction) {
    const revisedAt = DateTime.fromJSDate(postedAt).plus({ days: 1, hours: 2 }).toJSDate();
    const revisionAt = revisedAt < now ? revisedAt : now;
    await prisma.noticeRevision.create({
      data: {
        noticeId: notice.id,
        revision: 2,
        ...corrected,
        category: demo.category,
        attachmentIds: fileIds,
        reason: demo.correction.reason,
        createdById: clerkId,
        createdAt: revisionAt,
      },
    });
    events.push({
      noticeId: notice.id,
      type: "REVISED",
      ...actor,
      postedAt,
      takeDownAt,
      revision: 2,
      reason: demo.correction.reason,
      createdAt: revisionAt,
    });
  }
  if (withdrawnAt) {
    events.push({
      noticeId: notice.id,
      type: "WITHDRAWN",
      ...actor,
      postedAt: postedAt <= withdrawnAt ? postedAt : null,
      takeDownAt: withdrawnAt,
      revision: 1,
      reason: demo.withdrawn!.reason,
      createdAt: withdrawnAt,
    });
  }
  await prisma.noticeEvent.createMany({ data: events });
}
