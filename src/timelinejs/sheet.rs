//! A timeline sheet as rows of text cells, from a CSV file (Google Sheets' "Publish to the web" CSV,
//! or a download) or an Excel workbook (`.xlsx`, read with calamine), each row numbered as the
//! spreadsheet shows it (the header is row 1).

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};

use crate::diagnostics::{Diagnostic, Location};

/// One row: its number in the spreadsheet (1-based) and its cells, trimmed.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell at `index`, or "" past the row's end.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.is_empty())
    }
}

/// A sheet: where it was read from, its header row and the rows below it.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub path: PathBuf,
    pub headers: Row,
    pub rows: Vec<Row>,
}

/// A spreadsheet column's letters: 0 is A, 25 is Z, 26 is AA.
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl Sheet {
    /// Reads a `.csv` or `.xlsx` file.
    pub fn read(path: &Path) -> Result<Sheet, Box<Diagnostic>> {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let rows = match extension.as_str() {
            "csv" => csv_rows(path)?,
            "xlsx" | "xlsm" => xlsx_rows(path)?,
            _ => {
                return Err(Diagnostic::error(path, "this is not a CSV file or an Excel workbook")
                    .hint("download the sheet as CSV (File › Download › Comma-separated values) or as .xlsx")
                    .into());
            }
        };
        Sheet::from_rows(path, rows)
    }

    /// A sheet from its rows of cells (the first non-empty row is the header).
    pub fn from_rows(path: &Path, rows: Vec<Vec<String>>) -> Result<Sheet, Box<Diagnostic>> {
        let mut rows = rows.into_iter().enumerate().map(|(i, cells)| Row {
            number: i + 1,
            cells: cells.into_iter().map(|c| from_inert(c.trim())).collect(),
        });
        let Some(headers) = rows.by_ref().find(|r| !r.is_empty()) else {
            return Err(Diagnostic::error(path, "the sheet is empty")
                .hint("the first row names the columns: Year, Month, Day, …, Headline, Text")
                .into());
        };
        Ok(Sheet {
            path: path.to_path_buf(),
            headers,
            rows: rows.filter(|r| !r.is_empty()).collect(),
        })
    }

    /// A problem with the cell of `row` in column `index`, placed at the row and column as the
    /// spreadsheet shows them: `timeline.csv:7:1: error: column A "Year": …`.
    pub fn problem(&self, row: &Row, index: usize, message: &str) -> Diagnostic {
        let header = self.headers.cell(index);
        let cell = row.cell(index).to_string();
        Diagnostic::error(
            &self.path,
            format!("column {} \"{header}\": {message}", column_letters(index)),
        )
        .at_location(Location {
            line: row.number,
            column: index + 1,
            span: 0..cell.len(),
            line_text: cell,
        })
    }

    /// A problem with a whole row.
    pub fn row_problem(&self, row: &Row, message: &str) -> Diagnostic {
        let cells: Vec<&str> = row
            .cells
            .iter()
            .map(String::as_str)
            .filter(|c| !c.is_empty())
            .collect();
        let text = cells.join(" | ");
        Diagnostic::error(&self.path, format!("row {}: {message}", row.number)).at_location(
            Location {
                line: row.number,
                column: 1,
                span: 0..0,
                line_text: text,
            },
        )
    }
}

/// A cell's text, without the `'` that export puts before text a spreadsheet would otherwise run
/// as a formula (see `export::inert`).
fn from_inert(cell: &str) -> String {
    cell.strip_prefix('\'')
        .filter(|rest| rest.starts_with(super::export::FORMULA_STARTS))
        .unwrap_or(cell)
        .to_string()
}

fn csv_rows(path: &Path) -> Result<Vec<Vec<String>>, Box<Diagnostic>> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(path, format!("cannot read this file: {e}")))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if std::str::from_utf8(bytes).is_err() {
        return Err(Diagnostic::error(path, "this CSV file is not UTF-8 text")
            .hint("save it again as \"CSV UTF-8\" (Excel) or download it from Google Sheets, which writes UTF-8")
            .into());
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            Diagnostic::error(path, format!("this CSV file cannot be read near line {line}: {e}"))
                .hint("a cell with a comma, a quote or a line break must be in double quotes, with its quotes doubled")
        })?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

fn xlsx_rows(path: &Path) -> Result<Vec<Vec<String>>, Box<Diagnostic>> {
    let unreadable = |e: &dyn std::fmt::Display| {
        Diagnostic::error(path, format!("this workbook cannot be read: {e}")).hint(
            "save it again from Excel or Google Sheets as .xlsx, or download the sheet as CSV",
        )
    };
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| unreadable(&e))?;
    let Some(range) = workbook.worksheet_range_at(0) else {
        return Err(Diagnostic::error(path, "this workbook has no sheet").into());
    };
    let range = range.map_err(|e| unreadable(&e))?;
    // The rows above the range's first row are empty: keep the numbering the spreadsheet shows.
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut rows = vec![Vec::new(); first_row as usize];
    for row in range.rows() {
        let mut cells = vec![String::new(); first_column as usize];
        cells.extend(row.iter().map(cell_text));
        rows.push(cells);
    }
    Ok(rows)
}

/// A workbook cell as the text a CSV export of it would hold.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(value) => serial_text(value.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel date or time (days since 1899-12-30, the fraction being the time of day) as
/// `YYYY-MM-DD`, `HH:MM:SS`, or both.
fn serial_text(serial: f64) -> String {
    let days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    let time = format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
    if days == 0 {
        return time;
    }
    // Days from 1970-01-01, then the civil date (Howard Hinnant's algorithm).
    let z = days - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let date = format!("{year:04}-{month:02}-{day:02}");
    if seconds == 0 {
        date
    } else {
        format!("{date} {time}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn excel_serial_dates_and_times() {
        assert_eq!(serial_text(44_403.0), "2021-07-26");
        assert_eq!(serial_text(0.5), "12:00:00");
        assert_eq!(serial_text(44_403.75), "2021-07-26 18:00:00");
    }
}
