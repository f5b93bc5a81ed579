/**
 * Versioned codelists of the budget classification: names of paragraf and položka codes and of their
 * groups, each valid from a date (and until one, when the decree renamed or cancelled it). A town's import
 * may carry codes the list does not know: they are reported as warnings and summed in an "unclassified"
 * bucket (`UNCLASSIFIED`), never dropped, so group totals still equal the grand total.
 *
 * The built-in list names the groups (paragraf skupina and oddíl, položka třída and seskupení) and the codes
 * towns use most; a town or a later release extends it with `extendCodelist` (e.g. loaded from the Ministry
 * of Finance's published codelist).
 */

export type CodelistKind = "PARAGRAF" | "POLOZKA";

export interface CodelistEntry {
  kind: CodelistKind;
  /** 1, 2 or 4 digits (groups have fewer digits). */
  code: string;
  cs: string;
  en: string;
  /** "YYYY-MM-DD"; inclusive. */
  validFrom: string;
  /** "YYYY-MM-DD"; inclusive; null while valid. */
  validTo: string | null;
}

export const UNCLASSIFIED = { cs: "Nezařazeno", en: "Unclassified" } as const;

/** Vyhláška č. 412/2021 Sb., o rozpočtové skladbě, in force since 1 January 2022. */
const DECREE_412_2021 = "2022-01-01";

type Row = [code: string, cs: string, en: string];

const PARAGRAF: Row[] = [
  ["1", "Zemědělství, lesní hospodářství a rybářství", "Agriculture, forestry and fishing"],
  ["2", "Průmyslová a ostatní odvětví hospodářství", "Industry and other sectors of the economy"],
  ["3", "Služby pro obyvatelstvo", "Services for residents"],
  ["4", "Sociální věci a politika zaměstnanosti", "Social affairs and employment"],
  ["5", "Bezpečnost státu a právní ochrana", "Security and legal protection"],
  ["6", "Všeobecná veřejná správa a služby", "General public administration and services"],
  ["10", "Zemědělství a lesní hospodářství", "Agriculture and forestry"],
  ["21", "Průmysl, stavebnictví, obchod a služby", "Industry, construction, trade and services"],
  ["22", "Doprava", "Transport"],
  ["23", "Vodní hospodářství", "Water management"],
  ["31", "Vzdělávání a školské služby", "Education"],
  ["33", "Kultura, církve a sdělovací prostředky", "Culture, churches and media"],
  ["34", "Tělovýchova a zájmová činnost", "Sport and leisure"],
  ["35", "Zdravotnictví", "Health"],
  ["36", "Bydlení, komunální služby a územní rozvoj", "Housing, municipal services and development"],
  ["37", "Ochrana životního prostředí", "Environmental protection"],
  ["43", "Sociální služby a společné činnosti v sociálním zabezpečení", "Social services"],
  ["53", "Bezpečnost a veřejný pořádek", "Security and public order"],
  ["55", "Požární ochrana a integrovaný záchranný systém", "Fire protection and rescue"],
  ["61", "Státní moc, státní správa, územní samospráva a politické strany", "Government and local self-government"],
  ["63", "Finanční operace", "Financial operations"],
  ["64", "Ostatní činnosti", "Other activities"],
  ["1014", "Ozdravování hospodářských zvířat, polních a speciálních plodin", "Animal and crop health"],
  ["1031", "Pěstební činnost", "Forest cultivation"],
  ["2212", "Silnice", "Roads"],
  ["2219", "Ostatní záležitosti pozemních komunikací", "Other road matters"],
  ["2221", "Provoz veřejné silniční dopravy", "Public road transport"],
  ["2310", "Pitná voda", "Drinking water"],
  ["2321", "Odvádění a čištění odpadních vod a nakládání s kaly", "Sewerage and waste water treatment"],
  ["3111", "Mateřské školy", "Nursery schools"],
  ["3113", "Základní školy", "Primary schools"],
  ["3314", "Činnosti knihovnické", "Libraries"],
  ["3319", "Ostatní záležitosti kultury", "Other cultural matters"],
  ["3326", "Pořízení, zachování a obnova hodnot místního kulturního, národního a historického povědomí", "Local heritage"],
  ["3341", "Rozhlas a televize", "Radio and television"],
  ["3399", "Ostatní záležitosti kultury, církví a sdělovacích prostředků", "Other culture, churches and media"],
  ["3412", "Sportovní zařízení ve vlastnictví obce", "Municipal sports facilities"],
  ["3419", "Ostatní sportovní činnost", "Other sport"],
  ["3421", "Využití volného času dětí a mládeže", "Children's and youth leisure"],
  ["3612", "Bytové hospodářství", "Housing"],
  ["3613", "Nebytové hospodářství", "Non-residential premises"],
  ["3631", "Veřejné osvětlení", "Street lighting"],
  ["3632", "Pohřebnictví", "Cemeteries"],
  ["3635", "Územní plánování", "Spatial planning"],
  ["3639", "Komunální služby a územní rozvoj jinde nezařazené", "Other municipal services and development"],
  ["3722", "Sběr a svoz komunálních odpadů", "Municipal waste collection"],
  ["3723", "Sběr a svoz ostatních odpadů (jiných než nebezpečných a komunálních)", "Other waste collection"],
  ["3745", "Péče o vzhled obcí a veřejnou zeleň", "Public greenery and town appearance"],
  ["4351", "Osobní asistence, pečovatelská služba a podpora samostatného bydlení", "Personal assistance and home care"],
  ["5311", "Bezpečnost a veřejný pořádek", "Municipal police and public order"],
  ["5512", "Požární ochrana – dobrovolná část", "Volunteer fire brigade"],
  ["6112", "Zastupitelstva obcí", "Town council"],
  ["6171", "Činnost místní správy", "Town administration"],
  ["6310", "Obecné příjmy a výdaje z finančních operací", "General financial operations"],
  ["6320", "Pojištění funkčně nespecifikované", "Insurance"],
  ["6330", "Převody vlastním fondům v rozpočtech územní úrovně", "Transfers to own funds"],
  ["6399", "Ostatní finanční operace", "Other financial operations"],
  ["6402", "Finanční vypořádání minulých let", "Settlement of previous years"],
  ["6409", "Ostatní činnosti jinde nezařazené", "Other activities"],
];

const POLOZKA: Row[] = [
  ["1", "Daňové příjmy", "Tax revenue"],
  ["2", "Nedaňové příjmy", "Non-tax revenue"],
  ["3", "Kapitálové příjmy", "Capital revenue"],
  ["4", "Přijaté transfery", "Transfers received"],
  ["5", "Běžné výdaje", "Current expenditure"],
  ["6", "Kapitálové výdaje", "Capital expenditure"],
  ["8", "Financování", "Financing"],
  ["11", "Daně z příjmů, zisku a kapitálových výnosů", "Income and profit taxes"],
  ["12", "Daně ze zboží a služeb v tuzemsku", "Taxes on goods and services"],
  ["13", "Daně a poplatky z vybraných činností a služeb", "Fees for selected activities and services"],
  ["15", "Majetkové daně", "Property taxes"],
  ["21", "Příjmy z vlastní činnosti a odvody přebytků organizací s přímým vztahem", "Own activity income"],
  ["23", "Ostatní nedaňové příjmy", "Other non-tax revenue"],
  ["24", "Přijaté splátky půjčených prostředků", "Loan repayments received"],
  ["31", "Příjmy z prodeje dlouhodobého majetku a ostatní kapitálové příjmy", "Sales of fixed assets"],
  ["41", "Neinvestiční přijaté transfery", "Current transfers received"],
  ["42", "Investiční přijaté transfery", "Capital transfers received"],
  ["50", "Výdaje na platy, ostatní platby za provedenou práci a pojistné", "Salaries and social insurance"],
  ["51", "Neinvestiční nákupy a související výdaje", "Purchases of goods and services"],
  ["52", "Neinvestiční transfery soukromoprávním subjektům", "Current transfers to private entities"],
  ["53", "Neinvestiční transfery veřejnoprávním subjektům a mezi peněžními fondy téhož subjektu", "Current transfers to public entities"],
  ["54", "Neinvestiční transfery obyvatelstvu", "Current transfers to residents"],
  ["59", "Ostatní neinvestiční výdaje", "Other current expenditure"],
  ["61", "Investiční nákupy a související výdaje", "Capital purchases"],
  ["63", "Investiční transfery", "Capital transfers"],
  ["81", "Financování z tuzemska", "Domestic financing"],
  ["1111", "Daň z příjmů fyzických osob placená plátci", "Personal income tax (withheld)"],
  ["1112", "Daň z příjmů fyzických osob placená poplatníky", "Personal income tax (self-employed)"],
  ["1113", "Daň z příjmů fyzických osob vybíraná srážkou", "Personal income tax (by deduction)"],
  ["1121", "Daň z příjmů právnických osob", "Corporate income tax"],
  ["1122", "Daň z příjmů právnických osob v případech, kdy poplatníkem je obec", "Corporate income tax paid by the town"],
  ["1211", "Daň z přidané hodnoty", "Value added tax"],
  ["1340", "Poplatek za obecní systém odpadového hospodářství", "Municipal waste fee"],
  ["1341", "Poplatek ze psů", "Dog fee"],
  ["1343", "Poplatek za užívání veřejného prostranství", "Public space fee"],
  ["1345", "Poplatek z pobytu", "Tourist fee"],
  ["1361", "Správní poplatky", "Administrative fees"],
  ["1381", "Daň z hazardních her", "Gambling tax"],
  ["1511", "Daň z nemovitých věcí", "Property tax"],
  ["2111", "Příjmy z poskytování služeb a výrobků", "Income from services and products"],
  ["2119", "Ostatní příjmy z vlastní činnosti", "Other own activity income"],
  ["2131", "Příjmy z pronájmu pozemků", "Land rent"],
  ["2132", "Příjmy z pronájmu ostatních nemovitých věcí a jejich částí", "Property rent"],
  ["2141", "Příjmy z úroků", "Interest received"],
  ["2212", "Sankční platby přijaté od jiných subjektů", "Fines received"],
  ["2324", "Přijaté nekapitálové příspěvky a náhrady", "Contributions and compensations received"],
  ["3111", "Příjmy z prodeje pozemků", "Land sales"],
  ["3112", "Příjmy z prodeje ostatních nemovitých věcí a jejich částí", "Property sales"],
  ["4111", "Neinvestiční přijaté transfery z všeobecné pokladní správy státního rozpočtu", "Current transfers from the state treasury"],
  [
    "4112",
    "Neinvestiční přijaté transfery ze státního rozpočtu v rámci souhrnného dotačního vztahu",
    "State contribution to delegated powers",
  ],
  ["4116", "Ostatní neinvestiční přijaté transfery ze státního rozpočtu", "Other current state grants"],
  ["4122", "Neinvestiční přijaté transfery od krajů", "Current grants from the region"],
  ["4134", "Převody z rozpočtových účtů", "Transfers from own budget accounts"],
  ["4216", "Ostatní investiční přijaté transfery ze státního rozpočtu", "Other capital state grants"],
  ["4222", "Investiční přijaté transfery od krajů", "Capital grants from the region"],
  ["5011", "Platy zaměstnanců v pracovním poměru vyjma zaměstnanců na služebních místech", "Staff salaries"],
  ["5021", "Ostatní osobní výdaje", "Other personal expenses"],
  ["5023", "Odměny členů zastupitelstev obcí a krajů", "Councillors' remuneration"],
  ["5031", "Povinné pojistné na sociální zabezpečení a příspěvek na státní politiku zaměstnanosti", "Social insurance"],
  ["5032", "Povinné pojistné na veřejné zdravotní pojištění", "Health insurance"],
  ["5137", "Drobný hmotný dlouhodobý majetek", "Small tangible assets"],
  ["5139", "Nákup materiálu jinde nezařazený", "Materials"],
  ["5151", "Studená voda", "Cold water"],
  ["5153", "Plyn", "Gas"],
  ["5154", "Elektrická energie", "Electricity"],
  ["5156", "Pohonné hmoty a maziva", "Fuel"],
  ["5161", "Poštovní služby", "Postal services"],
  ["5162", "Služby elektronických komunikací", "Telecommunications"],
  ["5166", "Konzultační, poradenské a právní služby", "Consulting and legal services"],
  ["5169", "Nákup ostatních služeb", "Other services"],
  ["5171", "Opravy a udržování", "Repairs and maintenance"],
  ["5222", "Neinvestiční transfery spolkům", "Grants to associations"],
  ["5321", "Neinvestiční transfery obcím", "Current transfers to towns"],
  ["5331", "Neinvestiční příspěvky zřízeným příspěvkovým organizacím", "Contributions to the town's organisations"],
  ["5345", "Převody vlastním rozpočtovým účtům", "Transfers to own budget accounts"],
  ["5362", "Platby daní a poplatků státnímu rozpočtu", "Taxes paid to the state"],
  ["6121", "Budovy, haly a stavby", "Buildings and structures"],
  ["6122", "Stroje, přístroje a zařízení", "Machinery and equipment"],
  ["6130", "Pozemky", "Land"],
  ["6351", "Investiční transfery zřízeným příspěvkovým organizacím", "Capital transfers to the town's organisations"],
  ["8115", "Změna stavu krátkodobých prostředků na bankovních účtech", "Change in bank balances"],
  ["8123", "Dlouhodobé přijaté půjčené prostředky", "Long-term loans received"],
  ["8124", "Uhrazené splátky dlouhodobých přijatých půjčených prostředků", "Long-term loan repayments"],
];

const BUILT_IN: CodelistEntry[] = [
  ...PARAGRAF.map(([code, cs, en]) => ({ kind: "PARAGRAF" as const, code, cs, en, validFrom: DECREE_412_2021, validTo: null })),
  ...POLOZKA.map(([code, cs, en]) => ({ kind: "POLOZKA" as const, code, cs, en, validFrom: DECREE_412_2021, validTo: null })),
];

export interface Codelist {
  /** The entry valid on `date` ("YYYY-MM-DD"), or null. */
  lookup(kind: CodelistKind, code: string, date: string): CodelistEntry | null;
  /** The name of a code or group on `date`; the unclassified label when unknown. */
  name(kind: CodelistKind, code: string, date: string, locale: "cs" | "en"): string;
}

export function createCodelist(entries: readonly CodelistEntry[] = BUILT_IN): Codelist {
  const byKey = new Map<string, CodelistEntry[]>();
  for (const entry of entries) {
    if (entry.validTo !== null && entry.validTo < entry.validFrom) throw new Error(`Codelist entry ${entry.code} ends before it starts`);
    const key = `${entry.kind}:${entry.code}`;
    const versions = byKey.get(key) ?? [];
    for (const other of versions) {
      const overlaps = entry.validFrom <= (other.validTo ?? "9999-12-31") && other.validFrom <= (entry.validTo ?? "9999-12-31");
      if (overlaps) throw new Error(`Codelist entries for ${key} overlap (${other.validFrom} and ${entry.validFrom})`);
    }
    versions.push(entry);
    byKey.set(key, versions);
  }
  const lookup = (kind: CodelistKind, code: string, date: string) =>
    byKey.get(`${kind}:${code}`)?.find((e) => e.validFrom <= date && (e.validTo === null || date <= e.validTo)) ?? null;
  return {
    lookup,
    name: (kind, code, date, locale) => lookup(kind, code, date)?.[locale] ?? UNCLASSIFIED[locale],
  };
}

/** The built-in list with more entries (a later version of a code needs the earlier one's validTo set). */
export function extendCodelist(extra: readonly CodelistEntry[]): Codelist {
  return createCodelist([...BUILT_IN, ...extra]);
}

export const builtInCodelist = createCodelist();
