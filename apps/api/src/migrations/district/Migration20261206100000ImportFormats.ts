import { Migration } from '@mikro-orm/migrations';

/**
 * Roadmap imports read PDF (pdf.js) and Word 97–2003, RTF and OpenDocument text (converted by
 * LibreOffice) besides .docx, .xlsx and .txt: the import record names the file's own format.
 */
export class Migration20261206100000ImportFormats extends Migration {
  override name = 'Migration20261206100000ImportFormats';

  override up(): void {
    this.addSql(`alter table "roadmap_import" drop constraint if exists "roadmap_import_format_check";`);
    this.addSql(
      `alter table "roadmap_import" add constraint "roadmap_import_format_check" check ("format" in ('docx', 'xlsx', 'txt', 'pdf', 'doc', 'rtf', 'odt'));`,
    );
  }

  override down(): void {
    this.addSql(`alter table "roadmap_import" drop constraint if exists "roadmap_import_format_check";`);
    this.addSql(`alter table "roadmap_import" add constraint "roadmap_import_format_check" check ("format" in ('docx', 'xlsx', 'txt')) not valid;`);
  }
}
