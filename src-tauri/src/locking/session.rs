//! Linux: lock when the laptop is about to sleep or the screen locks.
//!
//! Each source is one match rule on its bus, heard on a thread of its own
//! (zbus's blocking iterator; Hearth already speaks D-Bus this way for
//! notifications). The rules name the service as sender, so the bus
//! delivers only what the owner of that name sends: another program can't
//! pass for logind or the screensaver (and if it could, all it could do is
//! lock Hearth). A missing bus or service is not an error: that desktop
//! just doesn't tell, and the idle lock still holds.
//!
//! Before sleep, logind waits for programs holding a "delay" inhibitor
//! (up to its `InhibitDelayMaxSec`, 5 s by default). Hearth holds one while
//! awake and lets go of it once it has locked, so the page is rebuilt
//! before the laptop sleeps rather than on waking; it takes a new one when
//! the laptop wakes (`PrepareForSleep(false)`).

use tauri::{AppHandle, Runtime};
use zbus::blocking::{Connection, MessageIterator};
use zbus::message::Type;
use zbus::MatchRule;

/// How long the laptop is asked to wait, after the lock, for the page to
/// be rebuilt (logind's own limit is 5 s by default).
const PAGE_MOMENT: std::time::Duration = std::time::Duration::from_millis(800);

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
    let sleep = matches!(source.bus, Bus::System);
    std::thread::Builder::new()
        .name(format!("hearth-lock-{}", source.member))
        .spawn(move || {
            let mut inhibitor = sleep.then(|| delay_sleep(&conn)).flatten();
            for message in signals.flatten() {
                let now = message.body().deserialize::<bool>().unwrap_or(false);
                if now {
                    super::lock(&app, why);
                    if inhibitor.is_some() {
                        // A moment for the page to be rebuilt; then the laptop may sleep.
                        std::thread::sleep(PAGE_MOMENT);
                        inhibitor = None;
                    }
                } else if sleep && inhibitor.is_none() {
                    inhibitor = delay_sleep(&conn);
                }
            }
            drop(inhibitor);
        })
        .map_err(|e| zbus::Error::Failure(format!("a thread to listen: {e}")))?;
    Ok(())
}

/// Asks logind to wait for Hearth before sleeping; the sleep waits while
/// the returned file descriptor is open. `None` where logind refuses.
fn delay_sleep(conn: &Connection) -> Option<zbus::zvariant::OwnedFd> {
    conn.call_method(
        Some("org.freedesktop.login1"),
        "/org/freedesktop/login1",
        Some("org.freedesktop.login1.Manager"),
        "Inhibit",
        &("sleep", "Hearth", "Locking your journal first", "delay"),
    )
    .and_then(|reply| reply.body().deserialize::<zbus::zvariant::OwnedFd>())
    .map_err(|e| {
        eprintln!("hearth: Hearth can't ask the laptop to wait for its lock before sleeping: {e}")
    })
    .ok()
}
