// The npm package `spayd` (a devDependency the tests compare against) ships types its "exports" hide.
declare module "spayd" {
  export default function spayd(payment: Record<string, string | string[] | Date>): string;
}
