/**
 * Spreadsheet-formula neutralisation for every export people open in Excel, LibreOffice or WPS (OWASP "CSV
 * injection"): a text cell whose first character would make the spreadsheet read it as a formula — `=`, `+`, `-`,
 * `@`, or a leading tab or carriage return, which some spreadsheets skip before looking for one — gets a single quote
 * in front, so it opens as the text that was typed. Standup answers, names and departments are typed by people, so
 * every text cell of an export goes through here: the progress-log CSV today (csv-stringify's `cast.string`) and the
 * XLSX export (issue 13, exceljs) when it lands. Real numbers are written as numbers and need no quote.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
