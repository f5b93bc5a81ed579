/** Haléře as the Money scalar writes them: "1234.50", "-600.00". */
export function formatCzk(halere: bigint): string {
  const sign = halere < 0n ? "-" : "";
  const abs = halere < 0n ? -halere : halere;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}
