import { PayloadTooLargeError } from '@warden/platform';

export class ScanContentTooLargeError extends PayloadTooLargeError {
  constructor(bytes: number, max: number) {
    super(`The content is ${bytes} bytes; the scan API accepts at most ${max}.`, 'scan_content_too_large');
  }
}
