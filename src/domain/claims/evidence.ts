/**
 * Whether a claim's evidence is complete (docs/product.md §3): every item the checklist requires,
 * uploaded and accepted. An item waiting for review or rejected (with a reason) is still missing;
 * the claim cannot be proposed or decided until none is (claim-state.ts). Pure.
 */
import { evidenceChecklist, type ClaimsPolicy, type ClaimType, type EvidenceItem } from './policy.js';

export const EVIDENCE_REVIEWS = ['pending', 'accepted', 'rejected'] as const;
export type EvidenceReview = (typeof EVIDENCE_REVIEWS)[number];

export interface SubmittedEvidence {
  item: EvidenceItem;
  review: EvidenceReview;
}

export interface EvidenceStatus {
  /** required items with no accepted upload: nothing uploaded, waiting for review, or rejected */
  missing: { item: EvidenceItem; why: 'not_uploaded' | 'pending_review' | 'rejected' }[];
  complete: boolean;
}

/** The evidence status of a claim of `type` worth `valueAtStakeFen` with what was submitted so far. */
export function evidenceStatus(policy: ClaimsPolicy, type: ClaimType, valueAtStakeFen: number, submitted: readonly SubmittedEvidence[]): EvidenceStatus {
  const missing: EvidenceStatus['missing'] = [];
  for (const { item, required } of evidenceChecklist(policy, type, valueAtStakeFen)) {
    if (!required) continue;
    const uploads = submitted.filter((s) => s.item === item);
    if (uploads.some((s) => s.review === 'accepted')) continue;
    const why = uploads.some((s) => s.review === 'pending') ? 'pending_review' : uploads.length > 0 ? 'rejected' : 'not_uploaded';
    missing.push({ item, why });
  }
  return { missing, complete: missing.length === 0 };
}

/**
 * What an upload for a checklist item may be: a photo item is a photo (the console previews it,
 * the reviewer must see the parcel); a slip, a weight note, a proof or a list may also be a PDF.
 * `null`: the media type fits. Otherwise what the item needs ('image' or 'image_or_pdf').
 */
export function evidenceFileRefusal(item: EvidenceItem, mediaType: string): null | 'image' | 'image_or_pdf' {
  const photo = item === 'outer_packaging_photo' || item === 'item_photo';
  const image = mediaType.startsWith('image/');
  if (photo) return image ? null : 'image';
  return image || mediaType === 'application/pdf' ? null : 'image_or_pdf';
}
