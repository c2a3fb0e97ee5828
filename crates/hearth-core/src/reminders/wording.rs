//! What a reminder says: on time, late or too old, and the notices shown
//! for the reminders decided "show", one by one or coalesced.

use chrono::{DateTime, Duration, Utc};

use super::log::{Decision, Status};
use super::{Notice, NoticeItem, NoticeKind, MAX_SEPARATE, ON_TIME_MINUTES};
use crate::rituals::{DueReminder, ReminderKind};

/// Most reminders named in a coalesced notice's text.
const NAMED_MAX: usize = 4;

/// On time, late within the grace window, or too old to show.
pub(super) fn decide(
    mut item: NoticeItem,
    origin: Option<String>,
    now: DateTime<Utc>,
    grace: Duration,
) -> Decision {
    let on_time = Duration::minutes(ON_TIME_MINUTES);
    let age = now - item.due_at;
    let status = if age > grace.max(on_time) {
        Status::Expired
    } else if age > on_time {
        Status::Late
    } else {
        Status::Sent
    };
    item.late = status == Status::Late;
    Decision {
        item,
        origin,
        status,
    }
}

pub(super) fn item_of(due: &DueReminder) -> NoticeItem {
    let why = due.intention.clone().unwrap_or_else(|| match due.kind {
        ReminderKind::Ritual => "A few minutes for the two of you.".into(),
        ReminderKind::CommitmentReview => "Time to look back on how it has gone.".into(),
    });
    NoticeItem {
        key: due.key.clone(),
        kind: match due.kind {
            ReminderKind::Ritual => NoticeKind::Ritual,
            ReminderKind::CommitmentReview => NoticeKind::CommitmentReview,
        },
        ritual_id: due.ritual_id,
        date: Some(due.date),
        title: due.title.clone(),
        body: why,
        due_at: due.at,
        local_time: due.local_time.clone(),
        late: false,
    }
}

/// The notices for the reminders decided "show": those on time one by one
/// (coalesced past [`MAX_SEPARATE`]), the late ones always as one.
pub(super) fn notices(decisions: &[Decision]) -> Vec<Notice> {
    let shown = |status| {
        decisions
            .iter()
            .filter(move |d| d.status == status)
            .map(|d| d.item.clone())
            .collect::<Vec<_>>()
    };
    let (on_time, late) = (shown(Status::Sent), shown(Status::Late));
    let mut out = Vec::new();
    if on_time.len() <= MAX_SEPARATE {
        for item in on_time {
            out.push(Notice {
                title: item.title.clone(),
                body: format!("{} · {}", item.body, item.local_time),
                items: vec![item],
            });
        }
    } else {
        out.push(Notice {
            title: format!("{} reminders now", on_time.len()),
            body: named(&on_time, |i| i.title.clone()),
            items: on_time,
        });
    }
    match late.len() {
        0 => {}
        1 => {
            let item = late.into_iter().next().expect("one late reminder");
            out.push(Notice {
                title: item.title.clone(),
                body: format!("Was due at {} · {}", item.local_time, item.body),
                items: vec![item],
            });
        }
        _ => out.push(Notice {
            title: "While you were away".into(),
            body: named(&late, |i| {
                format!("{} was due at {}", i.title, i.local_time)
            }),
            items: late,
        }),
    }
    out
}

/// "A, B, C and 2 more".
fn named(items: &[NoticeItem], name: impl Fn(&NoticeItem) -> String) -> String {
    let mut text = items
        .iter()
        .take(NAMED_MAX)
        .map(name)
        .collect::<Vec<_>>()
        .join("; ");
    if items.len() > NAMED_MAX {
        text.push_str(&format!("; and {} more", items.len() - NAMED_MAX));
    }
    text
}
