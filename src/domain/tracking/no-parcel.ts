/**
 * A public tracking answer that shows no parcel: an unknown waybill, or (`invalid`) an entry that
 * is not a waybill number. The server answers with it and the console builds it for an entry too
 * long to send; one shape in one place. Pure: bundled into the console.
 */
export function noParcel(waybillNo: string, invalid: boolean, lock: { phoneCheckLocked: boolean; phoneCheckLockedUntil: string | null } = NOT_LOCKED) {
  return {
    waybillNo,
    found: false,
    invalid,
    status: null,
    statusLabel: null,
    promisedAt: null,
    story: null,
    events: [],
    verified: false,
    ...lock,
    sender: null,
    recipient: null,
  };
}

const NOT_LOCKED = { phoneCheckLocked: false, phoneCheckLockedUntil: null };
