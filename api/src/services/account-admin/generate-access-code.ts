import { randomInt } from "node:crypto";

/** Letters and digits that cannot be mistaken for one another on paper (no 0/O, 1/I/L). */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/**
 * A new access code for a paper assessment, printed as "K7M2-Q9XP": 8 characters of a 31-letter alphabet
 * (about 2^39 codes) from the CSPRNG; guessing is stopped by the claim's rate limit.
 */
export function generateAccessCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}
