/**
 * DSSE's pre-authentication encoding, exactly as the spec defines it: the bytes that are signed,
 * so that neither the payload type nor the payload can be changed or confused with another's.
 *
 *   PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body
 *
 * LEN is the byte length as ASCII decimal, no leading zeros; `type` is UTF-8.
 * https://github.com/secure-systems-lab/dsse/blob/master/protocol.md
 */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, "utf8");
  const header = Buffer.from(`DSSEv1 ${type.length} ${payloadType} ${payload.length} `, "utf8");
  return Buffer.concat([header, payload]);
}
