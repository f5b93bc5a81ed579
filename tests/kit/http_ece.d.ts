// http_ece (RFC 8188 encrypted content encoding) ships no types; the tests' push service uses only decrypt.
declare module "http_ece" {
  import type { ECDH } from "node:crypto";
  const ece: {
    decrypt(buffer: Buffer, params: { version: "aes128gcm"; privateKey: ECDH; authSecret: string }): Buffer;
    encrypt(buffer: Buffer, params: Record<string, unknown>): Buffer;
  };
  export default ece;
}
