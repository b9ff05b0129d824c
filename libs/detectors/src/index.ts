export type { Finding, Direction, DetectorKind } from './core/finding';
export { prepareText, type PreparedText } from './normalize/prepared-text';
export { normalizeText } from './normalize/normalize-text';
export type { TextView } from './normalize/text-view';
export { findHiddenSegments, type HiddenSegment } from './normalize/hidden-content';
export { findEncodedPayloads, type DecodedPayload } from './normalize/encoded-payloads';
export {
  detectInjection,
  defaultInjectionModel,
  type InjectionOptions,
} from './injection/injection-detector';
export { InjectionModel, type InjectionModelFile } from './injection/injection-model';
export { extractFeatures } from './injection/injection-features';
export { detectPii, type PiiType, type PiiOptions } from './pii/pii-detector';
export { detectSecrets } from './secrets/secrets-detector';
export { detectExfil, type ExfilOptions } from './exfil/exfil-detector';
export {
  DEFAULT_PROFILE,
  detectorsFor,
  type DetectorConfig,
  type DetectorType,
  type GuardrailAction,
  type GuardrailProfile,
} from './scan/profile';
export { redact, PlaceholderRegistry } from './scan/redact';
export {
  scan,
  runDetector,
  DEFAULT_THRESHOLD,
  type ScanAction,
  type ScanFinding,
  type ScanResult,
} from './scan/scan-engine';
export {
  StreamOutputScanner,
  sseBlockedEvent,
  type StreamBlocked,
  type StreamScannerOptions,
  type StreamStep,
} from './stream/stream-output-scanner';
export {
  ClassifierUnavailableError,
  type ClassifierFailMode,
  type ClassifierStageConfig,
  type InjectionClassifierPort,
  type InjectionClassifierVerdict,
} from './classifier/injection-classifier.port';
export { HttpInjectionClassifier, type HttpClassifierOptions } from './classifier/http-injection-classifier';
export { scanWithClassifier } from './classifier/scan-with-classifier';
