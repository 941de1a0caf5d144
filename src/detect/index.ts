/**
 * The detector registry. Order does not matter: the scanner merges overlapping candidates by
 * confidence. Each detector module reads its own rule files from rules/.
 */
import type { Detector } from './types';
import { ibanDetector, paymentCardDetector } from './checksums';
import { nationalIdDetector } from './national-id';
import { addressDetector } from './address';
import { phoneDetector } from './phone';
import { emailDetector } from './email';

export const DETECTORS: Detector[] = [paymentCardDetector, ibanDetector, nationalIdDetector, phoneDetector, emailDetector, addressDetector];

export type { Detector, Candidate, DetectContext, LocaleInfo } from './types';
