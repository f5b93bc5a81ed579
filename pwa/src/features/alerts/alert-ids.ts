// The app's URLs use an alert's own id (/upozorneni/<uuid>, the path the portal's messages link to); the API
// speaks Relay global ids, base64 of "Alert:<uuid>".
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function alertGlobalId(uuid: string): string | null {
  return UUID.test(uuid) ? btoa(`Alert:${uuid.toLowerCase()}`) : null;
}

export function alertUuid(globalId: string): string {
  try {
    const [type, id] = atob(globalId).split(":");
    return type === "Alert" && id ? id : globalId;
  } catch {
    return globalId;
  }
}

export function alertPath(globalId: string): string {
  return `/upozorneni/${alertUuid(globalId)}`;
}
