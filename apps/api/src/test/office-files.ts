import { Document, Packer, Paragraph } from 'docx';
import { strToU8, zipSync } from 'fflate';

/** A real .docx, as Word would open it (written by the `docx` library). */
export async function realDocx(text = 'Протокол заседания'): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

/** A .docx whose document part is `megabytes` of zeros: a few KB packed, a ZIP bomb unpacked. */
export function zipBombDocx(megabytes = 8): Buffer {
  return Buffer.from(
    zipSync({ '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'), 'word/document.xml': new Uint8Array(megabytes * 1024 * 1024) }, { level: 9 }),
  );
}

/** The smallest .docx with the parts Word needs to name the format (a few hundred bytes). */
export function minimalDocx(text = 'Протокол'): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      'word/document.xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
      ),
    }),
  );
}
