//! The events and people tables as one Excel workbook (two sheets), written with rust_xlsxwriter.

use crate::{EVENT_COLUMNS, ExportError, PEOPLE_COLUMNS, event_rows, people_rows};
use casewatch_model::CaseFile;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

/// Excel's limit on the characters of one cell; longer text is cut (with
/// an ellipsis) rather than making Excel refuse the file.
const MAX_CELL_CHARS: usize = 32_767;

/// Excel's row limit per sheet (1,048,576 rows, one of them the header).
const MAX_ROWS: usize = 1_048_575;

fn cell_text(value: &str) -> std::borrow::Cow<'_, str> {
    if value.chars().count() <= MAX_CELL_CHARS {
        return value.into();
    }
    let mut cut: String = value.chars().take(MAX_CELL_CHARS - 1).collect();
    cut.push('…');
    cut.into()
}

/// One sheet: a bold, frozen header with a filter, then the rows; columns
/// named in `numeric` are written as numbers, every other cell as a string
/// (so a value beginning with `=` stays text, never a formula).
fn sheet(
    sheet: &mut Worksheet,
    name: &str,
    columns: &[&str],
    rows: &[Vec<String>],
    numeric: &[&str],
) -> Result<(), ExportError> {
    sheet.set_name(name)?;
    let bold = Format::new().set_bold();
    for (c, h) in columns.iter().enumerate() {
        let col = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, *h, &bold)?;
        let widest = rows
            .iter()
            .take(200)
            .map(|r| r.get(c).map_or(0, |v| v.chars().count()))
            .max()
            .unwrap_or(0)
            .max(h.len());
        sheet.set_column_width(col, (widest.min(60) + 2) as f64)?;
    }
    for (i, row) in rows.iter().take(MAX_ROWS).enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (c, value) in row.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            if value.is_empty() {
                continue;
            }
            match value.parse::<f64>() {
                Ok(n) if numeric.contains(&columns[c]) => sheet.write_number(r, col, n)?,
                _ => sheet.write_string(r, col, cell_text(value))?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(rows.len().min(MAX_ROWS)).unwrap_or(u32::MAX);
    let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// The case file as an XLSX workbook: sheet "Events" ([`EVENT_COLUMNS`],
/// the rows of [`crate::events_csv`]) and sheet "People"
/// ([`PEOPLE_COLUMNS`], the rows of [`crate::people_csv`], `events` as a
/// number). Cells are strings (never formulas) and are not neutralised, as
/// nothing in them is evaluated; a cell longer than Excel's 32,767
/// characters is cut, rows past Excel's 1,048,575 are left out.
///
/// Errors: only if the XLSX writer fails internally.
pub fn workbook_xlsx(file: &CaseFile) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    sheet(book.add_worksheet(), "Events", &EVENT_COLUMNS, &event_rows(file), &[])?;
    sheet(
        book.add_worksheet(),
        "People",
        &PEOPLE_COLUMNS,
        &people_rows(file),
        &["events"],
    )?;
    Ok(book.save_to_buffer()?)
}
