/**
 * The detector registry. Order does not matter: the scanner merges overlapping candidates by
 * confidence. Each detector module reads its own rule files from rules/.
 */
import type { Detector } from './types';
import { ibanDetector, paymentCardDetector, ssnDetector } from './checksums';

export const DETECTORS: Detector[] = [paymentCardDetector, ibanDetector, ssnDetector];

export type { Detector, Candidate, DetectContext, LocaleInfo } from './types';
