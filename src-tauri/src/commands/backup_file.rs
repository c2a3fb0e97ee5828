//! The encrypted backup file: "Save an encrypted backup" (Settings), saved
//! where the person chooses in the desktop's save dialog, and "Bring back
//! an encrypted backup" (the welcome of a new laptop). The format, the
//! checks and putting it in place are the core's.

use chrono::NaiveDate;
use hearth_core::vault::Zeroizing;
use hearth_core::{AppState, Error};
use tauri::ipc::Request;
use tauri::{AppHandle, Runtime, State};

use super::exchange::body_bytes;
use super::save::{self, Offer};
use super::Shared;

/// The header carrying the backup's passphrase, percent-encoded
/// (`encodeURIComponent`), since a header holds only ASCII.
pub const PASSPHRASE_HEADER: &str = "hearth-passphrase";

/// Asks where to save (unless the passphrase is refused first, so a typo
/// never opens a dialog), then saves the sealed backup there. Answers the
/// file's path, or `null` when the person closed the dialog.
#[tauri::command]
pub async fn save_encrypted_backup<R: Runtime>(
    app: AppHandle<R>,
    shared: State<'_, Shared>,
    passphrase: String,
    repeat: String,
    date: NaiveDate,
) -> Result<Option<String>, Error> {
    let passphrase = Zeroizing::new(passphrase);
    let repeat = Zeroizing::new(repeat);
    hearth_core::vault::check_new_passphrase(&passphrase, &repeat)?;
    let offer = Offer {
        title: "Save an encrypted backup",
        stem: &format!("Hearth backup {date}"),
        ext: hearth_core::store::backup::ENCRYPTED_EXTENSION,
        kind: "Hearth backup",
    };
    let Some(to) = save::destination(&app, &offer).await? else {
        return Ok(None);
    };
    let path = shared
        .lock()
        .backups()
        .save_encrypted(&to, date, &passphrase, &repeat)?;
    Ok(Some(path.display().to_string()))
}

/// Opens an encrypted backup on a laptop without a journal. The file's
/// bytes are the raw body of the call (like `import_everything`'s); the
/// passphrase comes in [`PASSPHRASE_HEADER`].
#[tauri::command]
pub async fn import_encrypted_backup(
    shared: State<'_, Shared>,
    request: Request<'_>,
) -> Result<AppState, Error> {
    let passphrase = match request.headers().get(PASSPHRASE_HEADER) {
        None => Zeroizing::new(String::new()),
        Some(v) => v.to_str().ok().and_then(percent_decode).ok_or_else(|| {
            Error::InvalidInput(
                "Hearth didn't receive the passphrase the way it expected, so nothing was \
                     changed. Please type it again."
                    .into(),
            )
        })?,
    };
    let mut listed = Vec::new();
    let bytes = body_bytes(&request, &mut listed)?;
    shared.lock().import_encrypted_backup(bytes, &passphrase)
}

/// `%XX` escapes back to bytes, which must be UTF-8.
fn percent_decode(text: &str) -> Option<Zeroizing<String>> {
    let raw = text.as_bytes();
    let mut out = Zeroizing::new(Vec::with_capacity(raw.len()));
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let hex = std::str::from_utf8(raw.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    let text = std::str::from_utf8(&out).ok()?;
    Some(Zeroizing::new(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn a_passphrase_sent_percent_encoded_comes_back_as_typed() {
        assert_eq!(
            percent_decode("un%20caf%C3%A9%20%F0%9F%8C%99%25")
                .as_deref()
                .map(String::as_str),
            Some("un café 🌙%"),
            "encodeURIComponent's escapes are read back, multi-byte letters too"
        );
        assert!(
            percent_decode("%zz").is_none(),
            "a broken escape is refused"
        );
        assert!(
            percent_decode("%C3").is_none(),
            "bytes that aren't UTF-8 are refused"
        );
    }
}
