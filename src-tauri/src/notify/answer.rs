//! What an action reported by the desktop does: the core says what it
//! means; this carries it to the window or the journal.

use hearth_core::reminders::{Notice, Response};
use hearth_core::Result;
use tauri::{AppHandle, Manager, Runtime};

use crate::commands::Shared;
use crate::reminders::{PageMessage, Reminders};
use crate::show_main_window;

/// The desktop reported `action_key` on the notification of `notice`;
/// `refuse` shows the notice that says an answer was refused.
pub fn on_action<R: Runtime>(
    app: &AppHandle<R>,
    notice: &Notice,
    action_key: &str,
    refuse: impl FnOnce(&Notice) -> Result<()>,
) {
    let reminders = app.state::<Reminders>();
    match notice.respond(action_key) {
        Response::Open { route } => {
            show_main_window(app);
            reminders.tell_page(PageMessage::Navigate { route });
        }
        Response::Answer { key, action } => {
            let answered = app
                .state::<Shared>()
                .lock()
                .reminders()
                .answer_from_notification(&key, action);
            match answered {
                Ok(answered) => {
                    if !answered.recorded {
                        eprintln!("hearth: reminders: {}", answered.said);
                    }
                    reminders.tell_page(PageMessage::Answered {
                        key: answered.key,
                        said: answered.said,
                    });
                }
                Err(err) => {
                    // Worded by the core: while locked it names nothing.
                    let refused = app
                        .state::<Shared>()
                        .lock()
                        .reminders()
                        .refusal_notice(&err);
                    eprintln!("hearth: reminders: an answer was refused: {}", refused.body);
                    if let Err(e) = refuse(&refused) {
                        eprintln!("hearth: reminders: {e}");
                    }
                }
            }
        }
        Response::Nothing => {}
    }
}
