//! Linux: lock when the laptop is about to sleep or the screen locks.
//!
//! Each source is one match rule on its bus, heard on a thread of its own
//! (zbus's blocking iterator; Hearth already speaks D-Bus this way for
//! notifications). The rules name the service as sender, so the bus
//! delivers only what the owner of that name sends: another program can't
//! pass for logind or the screensaver (and if it could, all it could do is
//! lock Hearth). A missing bus or service is not an error: that desktop
//! just doesn't tell, and the idle lock still holds.

use tauri::{AppHandle, Runtime};
use zbus::blocking::{Connection, MessageIterator};
use zbus::message::Type;
use zbus::MatchRule;

/// A signal `member` of `interface`, sent by the owner of `sender`, whose
/// first argument `true` means "lock now".
struct Source {
    bus: Bus,
    sender: &'static str,
    interface: &'static str,
    member: &'static str,
    why: &'static str,
}

#[derive(Clone, Copy)]
enum Bus {
    System,
    Session,
}

const SOURCES: [Source; 3] = [
    Source {
        bus: Bus::System,
        sender: "org.freedesktop.login1",
        interface: "org.freedesktop.login1.Manager",
        member: "PrepareForSleep",
        why: "the laptop is going to sleep",
    },
    Source {
        bus: Bus::Session,
        sender: "org.freedesktop.ScreenSaver",
        interface: "org.freedesktop.ScreenSaver",
        member: "ActiveChanged",
        why: "the screen locked",
    },
    Source {
        bus: Bus::Session,
        sender: "org.gnome.ScreenSaver",
        interface: "org.gnome.ScreenSaver",
        member: "ActiveChanged",
        why: "the screen locked",
    },
];

/// Listens to every source there is a bus for.
pub fn watch<R: Runtime>(app: AppHandle<R>) {
    let (system, session) = (Connection::system(), Connection::session());
    for source in SOURCES {
        let conn = match (source.bus, &system, &session) {
            (Bus::System, Ok(conn), _) | (Bus::Session, _, Ok(conn)) => conn.clone(),
            (_, Err(err), _) | (_, _, Err(err)) => {
                eprintln!(
                    "hearth: no lock on \"{}\": no bus to hear it on ({err})",
                    source.why
                );
                continue;
            }
        };
        if let Err(err) = listen(conn, &source, app.clone()) {
            eprintln!("hearth: no lock on \"{}\": {err}", source.why);
        }
    }
}

fn listen<R: Runtime>(conn: Connection, source: &Source, app: AppHandle<R>) -> zbus::Result<()> {
    let rule = MatchRule::builder()
        .msg_type(Type::Signal)
        .sender(source.sender)?
        .interface(source.interface)?
        .member(source.member)?
        .build();
    let signals = MessageIterator::for_match_rule(rule, &conn, Some(16))?;
    let why = source.why;
    std::thread::Builder::new()
        .name(format!("hearth-lock-{}", source.member))
        .spawn(move || {
            for message in signals.flatten() {
                if message.body().deserialize::<bool>().unwrap_or(false) {
                    super::lock(&app, why);
                }
            }
        })
        .map_err(|e| zbus::Error::Failure(format!("a thread to listen: {e}")))?;
    Ok(())
}
