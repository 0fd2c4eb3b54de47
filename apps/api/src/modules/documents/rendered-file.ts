/** A generated file: its Russian name (with the extension), content type and bytes. */
export interface RenderedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}
