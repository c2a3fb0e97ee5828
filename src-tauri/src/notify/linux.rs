//! The freedesktop notification service, over the session bus.
//!
//! Hearth remembers which notice each notification id it was given shows,
//! until the service says it closed (`NotificationClosed`), or for the last
//! [`REMEMBERED`] notices when a service never says so. An `ActionInvoked`
//! for an id Hearth does not know (another program's, a closed one, one
//! from before a restart) is ignored. Asking `GetCapabilities` before each
//! notice (a few a day) follows a service that was replaced meanwhile.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use hearth_core::reminders::Notice;
use zbus::blocking::{Connection, MessageIterator};
use zbus::message::Type;
use zbus::zvariant::Value;
use zbus::MatchRule;

const SERVICE: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";
/// Notices whose answers are still listened for, at most.
const REMEMBERED: usize = 64;

type Shown = Arc<Mutex<VecDeque<(u32, Notice)>>>;

/// A connection to the session bus's notification service.
#[derive(Clone)]
pub struct Bus {
    conn: Connection,
    shown: Shown,
}

impl Bus {
    /// Connects and starts listening: `on_action` runs on the listener's
    /// thread with this bus, the notice and the action's key.
    pub fn connect(on_action: impl Fn(&Bus, &Notice, &str) + Send + 'static) -> zbus::Result<Bus> {
        let conn = Connection::session()?;
        // Only the service's own signals: the bus checks that the sender
        // owns the service's name, so no other program can answer for you.
        let rule = MatchRule::builder()
            .msg_type(Type::Signal)
            .sender(SERVICE)?
            .interface(SERVICE)?
            .path(PATH)?
            .build();
        let signals = MessageIterator::for_match_rule(rule, &conn, Some(64))?;
        let bus = Bus {
            conn,
            shown: Arc::default(),
        };
        let listener = bus.clone();
        std::thread::Builder::new()
            .name("hearth-notify".into())
            .spawn(move || {
                for message in signals.flatten() {
                    let header = message.header();
                    let body = message.body();
                    match header.member().map(|m| m.as_str()) {
                        Some("ActionInvoked") => {
                            let Ok((id, action)) = body.deserialize::<(u32, String)>() else {
                                continue;
                            };
                            if let Some(notice) = listener.notice(id) {
                                on_action(&listener, &notice, &action);
                            }
                        }
                        Some("NotificationClosed") => {
                            if let Ok((id, _reason)) = body.deserialize::<(u32, u32)>() {
                                listener.forget(id);
                            }
                        }
                        _ => {}
                    }
                }
            })
            .map_err(|e| zbus::Error::Failure(format!("a thread for notifications: {e}")))?;
        Ok(bus)
    }

    /// Shows `notice` with the actions the core chose for this service;
    /// returns the service's id for it.
    pub fn show(&self, notice: &Notice) -> zbus::Result<u32> {
        let buttons = self.capabilities()?.iter().any(|c| c == "actions");
        let actions: Vec<&str> = notice
            .notification_actions(buttons)
            .into_iter()
            .flat_map(|a| [a.key(), a.label()])
            .collect();
        let hints: HashMap<&str, Value> = HashMap::new();
        let reply = self.conn.call_method(
            Some(SERVICE),
            PATH,
            Some(SERVICE),
            "Notify",
            &(
                "Hearth",
                0u32,
                "",
                notice.title.as_str(),
                notice.body.as_str(),
                actions,
                hints,
                -1i32,
            ),
        )?;
        let id: u32 = reply.body().deserialize()?;
        let mut shown = self.lock();
        shown.retain(|(known, _)| *known != id);
        if shown.len() >= REMEMBERED {
            shown.pop_front();
        }
        shown.push_back((id, notice.clone()));
        Ok(id)
    }

    fn capabilities(&self) -> zbus::Result<Vec<String>> {
        self.conn
            .call_method(Some(SERVICE), PATH, Some(SERVICE), "GetCapabilities", &())?
            .body()
            .deserialize()
    }

    fn notice(&self, id: u32) -> Option<Notice> {
        self.lock()
            .iter()
            .find(|(known, _)| *known == id)
            .map(|(_, n)| n.clone())
    }

    fn forget(&self, id: u32) {
        self.lock().retain(|(known, _)| *known != id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<(u32, Notice)>> {
        self.shown.lock().unwrap_or_else(|p| p.into_inner())
    }
}
