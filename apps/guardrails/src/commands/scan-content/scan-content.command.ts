export interface ScanContentCommand {
  readonly direction: 'input' | 'output';
  readonly content: string;
  readonly profileId?: string;
}
