import { type ApiBodyOptions, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ImportKind } from '#app/imports';

export class ImportProblemView {
  @ApiProperty({ description: 'the row as Excel numbers it (the header is row 1); 0 for the whole file' })
  row: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'the column header, e.g. 界别' })
  column: string | null;

  @ApiProperty({ example: '第12行「界别」：“民主党派”不在本会的界别代码表中：可填 中共、民革、民盟 …' })
  message: string;
}

export class ImportLinkView {
  @ApiProperty()
  label: string;

  @ApiProperty({ description: 'a path of the web app' })
  href: string;
}

export class ImportReportView {
  @ApiProperty({ enum: ImportKind })
  kind: ImportKind;

  @ApiProperty({ description: 'SHA-256 of the uploaded file, hex' })
  sha256: string;

  @ApiProperty()
  rows: number;

  @ApiProperty()
  created: number;

  @ApiProperty()
  updated: number;

  @ApiProperty()
  unchanged: number;

  @ApiProperty({ type: [ImportProblemView], description: 'every problem by row and column (at most 500); a confirm is refused while there is one' })
  problems: ImportProblemView[];

  @ApiProperty({ description: 'true once confirmed and written' })
  written: boolean;

  @ApiProperty({ type: [ImportLinkView], description: 'up to 200 records created or changed' })
  links: ImportLinkView[];
}

/** The multipart body of an upload: one part named file. */
export const IMPORT_UPLOAD_BODY: ApiBodyOptions = {
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: '.xlsx of the kind’s template' } } },
};
