import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { paths } from "../../api/src/config.ts";
import { expectAccessible, newContext, settled, signInAs, usePortal, type DemoAccount, type ViewportName } from "../kit/browser.ts";
import { declaredRoutes } from "../kit/routes.ts";

// The screenshot pass (shared by screens-<viewport>-<language>.test.ts, one pass per file so the four spread over the
// test workers): every route of the app (pwa/src/routes.tsx), as the user who can open it, on a phone and
// on a desktop, in Czech and in English. Each page is checked with axe (expectAccessible, which also fails on text
// drawn in its background's colour) and photographed, whole, into tests/.artifacts/screens/<viewport>-<language>/
// for a person to look at: a page is done when its pictures read well (docs/ARCHITECTURE.md, "Styles", "Tests").

const SCREENS_DIR = path.join(paths.repoRoot, "tests", ".artifacts", "screens");
type Language = "cs" | "en";
type Who = "anonymous" | Extract<DemoAccount, "citizen" | "clerk" | "admin">;
const WHO: readonly Who[] = ["anonymous", "citizen", "clerk", "admin"];

/** Ids of demo records for the detail routes, looked up in the test's own seeded database. */
interface DemoIds {
  notice: string;
  contract: string;
  invoice: string;
  order: string;
  /** A paid card payment of the demo citizen (its order id). */
  cardPayment: string;
  /** The demo citizen's overdue dog fee, as the API's global id (URL-encoded). */
  assessment: string;
  /** A demo payer with assessments of several statuses (Jana Nováková). */
  payer: string;
  /** One of the demo town's paid payments (last year's, paired). */
  payment: string;
  /** A budget data set of the demo town (the latest upload). */
  budgetDataSet: string;
  /** The demo town's newest published alert (its uuid). */
  alert: string;
  /** The demo dog registration waiting for the clerk, and the approved demo submission. */
  waitingSubmission: string;
  approvedSubmission: string;
  /** The demo citizen's submission awaiting her answer to the office's question. */
  questionSubmission: string;
}

interface Shot {
  path: string;
  as: Who;
  /** Told apart from other shots of the same route and user in the file name. */
  variant?: string;
}

/** Each route pattern of routes.tsx and what to photograph for it; a test below keeps the keys complete. */
const ROUTES: Record<string, (ids: DemoIds) => Shot[]> = {
  "/": () => [
    { path: "/", as: "anonymous" },
    { path: "/", as: "citizen" },
  ],
  "/prihlaseni": () => [{ path: "/prihlaseni", as: "anonymous" }],
  "/registrace": () => [{ path: "/registrace", as: "anonymous" }],
  "/overeni-emailu": () => [
    { path: "/overeni-emailu", as: "anonymous" },
    { path: "/overeni-emailu?token=neplatny-token", as: "anonymous", variant: "bad-token" },
  ],
  "/zapomenute-heslo": () => [{ path: "/zapomenute-heslo", as: "anonymous" }],
  "/obnova-hesla": () => [
    { path: "/obnova-hesla", as: "anonymous" },
    { path: "/obnova-hesla?token=neplatny-token", as: "anonymous", variant: "bad-token" },
  ],
  "/pristupnost": () => [{ path: "/pristupnost", as: "anonymous" }],
  "/registry": () => [{ path: "/registry", as: "anonymous" }],
  "/smlouvy": () => [{ path: "/smlouvy", as: "anonymous" }],
  "/smlouvy/:id": (ids) => [{ path: `/smlouvy/${ids.contract}`, as: "anonymous" }],
  "/faktury": () => [{ path: "/faktury", as: "anonymous" }],
  "/faktury/:id": (ids) => [{ path: `/faktury/${ids.invoice}`, as: "anonymous" }],
  "/objednavky": () => [{ path: "/objednavky", as: "anonymous" }],
  "/objednavky/:id": (ids) => [{ path: `/objednavky/${ids.order}`, as: "anonymous" }],
  "/uredni-deska": () => [{ path: "/uredni-deska", as: "anonymous" }],
  "/uredni-deska/archiv": () => [{ path: "/uredni-deska/archiv", as: "anonymous" }],
  "/uredni-deska/:id": (ids) => [{ path: `/uredni-deska/${ids.notice}`, as: "anonymous" }],
  "/muj-ucet": () => [
    { path: "/muj-ucet", as: "citizen" },
    { path: "/muj-ucet", as: "clerk" },
  ],
  "/osobni-ucet": () => [{ path: "/osobni-ucet", as: "citizen" }],
  "/osobni-ucet/pripojit": () => [{ path: "/osobni-ucet/pripojit", as: "citizen" }],
  "/osobni-ucet/:id": (ids) => [{ path: `/osobni-ucet/${ids.assessment}`, as: "citizen" }],
  "/zivotni-situace": () => [
    { path: "/zivotni-situace", as: "anonymous" },
    { path: "/zivotni-situace?hledat=odpad", as: "anonymous", variant: "search" },
  ],
  "/zivotni-situace/:slug": () => [
    { path: "/zivotni-situace/prihlaseni-psa", as: "anonymous" },
    { path: "/zivotni-situace/obecne-podani", as: "citizen", variant: "general" },
  ],
  "/zivotni-situace/:slug/formular": () => [
    { path: "/zivotni-situace/prihlaseni-psa/formular", as: "citizen" },
    { path: "/zivotni-situace/obecne-podani/formular", as: "citizen", variant: "general" },
  ],
  "/moje-podani": () => [{ path: "/moje-podani", as: "citizen" }],
  "/moje-podani/:id": (ids) => [
    { path: `/moje-podani/${ids.questionSubmission}`, as: "citizen" },
    { path: `/moje-podani/${ids.approvedSubmission}`, as: "citizen", variant: "approved" },
  ],
  "/urad": () => [
    { path: "/urad", as: "clerk" },
    { path: "/urad", as: "admin" },
    { path: "/urad", as: "citizen", variant: "forbidden" },
  ],
  "/urad/registry": () => [{ path: "/urad/registry", as: "clerk" }],
  "/urad/registry/smlouvy": () => [{ path: "/urad/registry/smlouvy", as: "clerk" }],
  "/urad/registry/smlouvy/:id": (ids) => [
    { path: `/urad/registry/smlouvy/${ids.contract}`, as: "clerk" },
    { path: "/urad/registry/smlouvy/nova", as: "clerk", variant: "new" },
  ],
  "/urad/registry/faktury": () => [{ path: "/urad/registry/faktury", as: "clerk" }],
  "/urad/registry/faktury/:id": (ids) => [{ path: `/urad/registry/faktury/${ids.invoice}`, as: "clerk" }],
  "/urad/registry/objednavky": () => [{ path: "/urad/registry/objednavky", as: "clerk" }],
  "/urad/registry/objednavky/:id": (ids) => [{ path: `/urad/registry/objednavky/${ids.order}`, as: "clerk" }],
  "/urad/registry/import": () => [{ path: "/urad/registry/import", as: "clerk" }],
  "/urad/platby": () => [{ path: "/urad/platby", as: "clerk" }],
  "/urad/platby/import": () => [{ path: "/urad/platby/import", as: "clerk" }],
  "/urad/platby/nesparovane": () => [{ path: "/urad/platby/nesparovane", as: "clerk" }],
  "/urad/platby/platba/:id": (ids) => [{ path: `/urad/platby/platba/${ids.payment}`, as: "clerk" }],
  "/urad/uredni-deska": () => [{ path: "/urad/uredni-deska", as: "clerk" }],
  "/urad/uredni-deska/nova": () => [{ path: "/urad/uredni-deska/nova", as: "clerk" }],
  "/urad/uredni-deska/:id": (ids) => [{ path: `/urad/uredni-deska/${ids.notice}`, as: "clerk" }],
  "/urad/poplatky": () => [
    { path: "/urad/poplatky", as: "clerk" },
    { path: "/urad/poplatky?hledat=1104203", as: "clerk", variant: "search" },
  ],
  "/urad/poplatky/:id": (ids) => [{ path: `/urad/poplatky/${ids.payer}`, as: "clerk" }],
  "/urad/podani": () => [
    { path: "/urad/podani", as: "clerk" },
    { path: "/urad/podani?stav=APPROVED", as: "clerk", variant: "approved" },
  ],
  "/urad/podani/sazby": () => [{ path: "/urad/podani/sazby", as: "clerk" }],
  "/urad/podani/:id": (ids) => [
    { path: `/urad/podani/${ids.waitingSubmission}`, as: "clerk" },
    { path: `/urad/podani/${ids.approvedSubmission}`, as: "clerk", variant: "approved" },
  ],
  "/sprava": () => [
    { path: "/sprava", as: "admin" },
    { path: "/sprava", as: "citizen", variant: "forbidden" },
    { path: "/sprava", as: "clerk", variant: "forbidden" },
  ],
  "/sprava/urednici": () => [{ path: "/sprava/urednici", as: "admin" }],
  "/sprava/api-tokeny": () => [{ path: "/sprava/api-tokeny", as: "admin" }],
  "/sprava/odchozi-posta": () => [{ path: "/sprava/odchozi-posta", as: "admin" }],
  "/sprava/neuspesne-ulohy": () => [{ path: "/sprava/neuspesne-ulohy", as: "admin" }],
  "/sprava/obec": () => [{ path: "/sprava/obec", as: "admin" }],
  "/sprava/predani-podani": () => [{ path: "/sprava/predani-podani", as: "admin" }],
  "/platba/:orderId": (ids) => [
    { path: `/platba/${ids.cardPayment}`, as: "citizen" },
    { path: "/platba/neexistujici-objednavka", as: "citizen", variant: "not-found" },
  ],
  "/urad/platby-kartou": () => [{ path: "/urad/platby-kartou", as: "clerk" }],
  "/rozpocet": () => [
    { path: "/rozpocet", as: "anonymous" },
    { path: "/rozpocet?side=revenue&compare=2025&sort=actual-desc", as: "anonymous", variant: "revenue-compared" },
    { path: "/rozpocet?group=36&paragraf=3631", as: "anonymous", variant: "polozky" },
  ],
  "/rozpocet/organizace": () => [{ path: "/rozpocet/organizace", as: "citizen", variant: "not-member" }],
  "/urad/rozpocet": () => [{ path: "/urad/rozpocet", as: "clerk" }],
  "/urad/rozpocet/import": () => [{ path: "/urad/rozpocet/import", as: "clerk" }],
  "/urad/rozpocet/organizace": () => [{ path: "/urad/rozpocet/organizace", as: "clerk" }],
  "/urad/rozpocet/:id": (ids) => [{ path: `/urad/rozpocet/${ids.budgetDataSet}`, as: "clerk" }],
  "/upozorneni": () => [
    { path: "/upozorneni", as: "anonymous" },
    { path: "/upozorneni?vse=1", as: "anonymous", variant: "all" },
  ],
  "/upozorneni/:id": (ids) => [{ path: `/upozorneni/${ids.alert}`, as: "anonymous" }],
  "/odhlaseni-upozorneni": () => [
    { path: "/odhlaseni-upozorneni?token=neplatny-token", as: "anonymous" },
    { path: "/odhlaseni-upozorneni", as: "anonymous", variant: "no-token" },
  ],
  "/muj-ucet/upozorneni": () => [{ path: "/muj-ucet/upozorneni", as: "citizen" }],
  "/historie-komunikace": () => [{ path: "/historie-komunikace", as: "citizen" }],
  "/urad/upozorneni": () => [{ path: "/urad/upozorneni", as: "clerk" }],
  "/urad/upozorneni/nove": () => [{ path: "/urad/upozorneni/nove", as: "clerk" }],
  "/urad/upozorneni/:id": (ids) => [{ path: `/urad/upozorneni/${ids.alert}`, as: "clerk" }],
  "*": () => [{ path: "/neexistujici-stranka", as: "anonymous" }],
};

/** Registers one pass: a test server of its own, every route for one viewport and language. */
export function screensPass(viewport: ViewportName, language: Language): void {
  const portal = usePortal();
  let ids: DemoIds;

  beforeAll(async () => {
    const prisma = portal.server.database.prisma;
    const { municipalityId } = await prisma.user.findFirstOrThrow({ where: { email: "referent@lipnice.example" } });
    const now = new Date();
    const published = { municipalityId, status: "PUBLISHED" as const };
    const [notice, contract, invoice, order, payer, payment, budgetDataSet, alert] = await Promise.all([
      prisma.notice.findFirstOrThrow({
        where: { municipalityId, status: "APPROVED", postedAt: { lte: now }, takeDownAt: { gt: now } },
        orderBy: { postedAt: "desc" },
      }),
      prisma.contract.findFirstOrThrow({ where: published, orderBy: { createdAt: "asc" } }),
      prisma.invoice.findFirstOrThrow({ where: published, orderBy: { createdAt: "asc" } }),
      prisma.purchaseOrder.findFirstOrThrow({ where: published, orderBy: { createdAt: "asc" } }),
      prisma.payer.findFirstOrThrow({ where: { municipalityId, name: "Jana Nováková" } }),
      prisma.payment.findFirstOrThrow({ where: { municipalityId }, orderBy: { receivedOn: "asc" } }),
      // The school's upload that waits for the town's approval (prisma/seed/budget.ts).
      prisma.budgetDataSet.findFirstOrThrow({ where: { municipalityId, status: "DRAFT" }, orderBy: { uploadedAt: "desc" } }),
      prisma.alert.findFirstOrThrow({ where: { municipalityId, status: "SENT" }, orderBy: { publishedAt: "desc" } }),
    ]);
    const [waitingSubmission, approvedSubmission, questionSubmission] = await Promise.all([
      prisma.submission.findFirstOrThrow({ where: { municipalityId, status: "SUBMITTED", formId: "dog-registration" } }),
      prisma.submission.findFirstOrThrow({ where: { municipalityId, status: "APPROVED" } }),
      prisma.submission.findFirstOrThrow({
        where: { municipalityId, status: "INFORMATION_REQUESTED", user: { email: "obcan@lipnice.example" } },
      }),
    ]);
    // A paid card payment of the demo citizen for the demo dog fee, as the settle transition leaves it.
    const citizen = await prisma.user.findFirstOrThrow({ where: { email: "obcan@lipnice.example" } });
    const dogFee = await prisma.assessment.findFirstOrThrow({ where: { municipalityId, variableSymbol: "2104201" } });
    const cardPayment = await prisma.cardPayment.create({
      data: {
        municipalityId,
        orderId: "screens0demo0paid0order",
        provider: "demo",
        providerPaymentId: "demo_screens",
        userId: citizen.id,
        amount: dogFee.amount,
        status: "SUCCEEDED",
        paidAt: now,
        items: { create: [{ assessmentId: dogFee.id, amount: dogFee.amount }] },
      },
    });
    ids = {
      notice: notice.id,
      contract: contract.id,
      invoice: invoice.id,
      order: order.id,
      cardPayment: cardPayment.orderId,
      assessment: encodeURIComponent(Buffer.from(`Assessment:${dogFee.id}`).toString("base64")),
      payer: payer.id,
      payment: payment.id,
      budgetDataSet: budgetDataSet.id,
      alert: alert.id,
      waitingSubmission: waitingSubmission.id,
      approvedSubmission: approvedSubmission.id,
      questionSubmission: questionSubmission.id,
    };
  });

  if (viewport === "phone" && language === "cs") {
    it("lists every route of pwa/src/routes.tsx", () => {
      // A new page gets its screenshots (and its axe check) by being added to ROUTES above.
      expect(Object.keys(ROUTES).sort()).toEqual(declaredRoutes());
    });
  }

  /** A readable file name: who, the route pattern, the variant ("clerk--urad-registry-smlouvy-id--new"). */
  function fileName(who: Who, pattern: string, variant?: string): string {
    const route = pattern === "/" ? "home" : pattern === "*" ? "not-found" : pattern.replace(/^\//, "").replace(/[/:]+/g, "-");
    return [who, route, variant].filter(Boolean).join("--") + ".png";
  }

  async function photograph(page: Page, file: string): Promise<void> {
    // One image pixel per CSS pixel: the phone's 3x density adds nothing for a person reading the picture.
    await page.screenshot({ path: file, fullPage: true, scale: "css", animations: "disabled" });
  }

  // One pass per viewport and language, one browser context per kind of user in it (closed as soon as the pass ends).
  // The pages are visited one after another: the suite's other files keep the cores busy meanwhile.
  it(
    `every route on a ${viewport} in ${language}: axe and a screenshot`,
    // Minutes on a busy machine; a timeout here is for a hung page.
    { timeout: 600_000 },
    async ({ expect }) => {
      const dir = path.join(SCREENS_DIR, `${viewport}-${language}`);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });

      const contexts = new Map<Who, BrowserContext>();
      const pages = new Map<Who, Page>();
      const pageOf = async (who: Who) => {
        let page = pages.get(who);
        if (!page) {
          const context = await newContext(portal.browser, portal.server.url, viewport);
          contexts.set(who, context);
          await context.addCookies([{ name: "portal_lang", value: language, url: portal.server.url, sameSite: "Lax" }]);
          if (who !== "anonymous") await signInAs(portal, context, who);
          page = await context.newPage();
          pages.set(who, page);
        }
        return page;
      };

      const problems: string[] = [];
      const check = async (page: Page, label: string, file: string) => {
        await settled(page);
        // Read after the app has started: the static first screen of index.html is Czech whatever the choice.
        expect(await page.evaluate(() => document.documentElement.lang), `<html lang> on ${label}`).toBe(language);
        await expectAccessible(page, label).catch((error: Error) => problems.push(error.message));
        await photograph(page, path.join(dir, file));
      };

      try {
        // SCREENS_ONLY=/upozorneni,/urad/upozorneni photographs only the routes starting with one of these (while working on them).
        const only = process.env.SCREENS_ONLY?.split(",").filter(Boolean);
        for (const [pattern, shots] of Object.entries(ROUTES)) {
          if (only && !only.some((prefix) => pattern.startsWith(prefix))) continue;
          for (const shot of shots(ids)) {
            const page = await pageOf(shot.as);
            await page.goto(shot.path);
            await page.locator("main h1").first().waitFor();
            await check(page, `${shot.path} as ${shot.as} (${viewport}, ${language})`, fileName(shot.as, pattern, shot.variant));
          }
        }

        if (viewport === "phone") {
          // The collapsed main menu, opened, as each kind of user has it.
          for (const who of WHO) {
            const page = await pageOf(who);
            await page.goto("/");
            await page.locator("main h1").first().waitFor();
            const nav = page.getByRole("navigation").first();
            await nav.getByRole("button", { expanded: false }).click();
            await nav.getByRole("listitem").first().waitFor();
            await check(page, `menu open as ${who} (${viewport}, ${language})`, fileName(who, "menu-open"));
          }
        }
      } finally {
        await Promise.all([...contexts.values()].map((context) => context.close()));
      }

      expect(problems, problems.join("\n\n")).toEqual([]);
    },
  );
}
