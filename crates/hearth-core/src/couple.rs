//! The two partners, and which of them is writing right now.
//!
//! Hearth is made for exactly two people, so partners have the fixed ids 1
//! and 2 rather than an open-ended table of users. "Who is writing" is the
//! single most important piece of state for privacy: every private entry is
//! shown only to its author, so the writer is stored, not guessed, and it
//! survives restarts.

use chrono::SecondsFormat;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::text::short_label;

/// Longest name Hearth accepts, in characters.
pub const NAME_MAX_CHARS: usize = 40;

/// Colours given when a partner doesn't choose one: calm, distinct, and
/// readable as text on both the light and the dark theme.
pub const DEFAULT_COLORS: [&str; 2] = ["#b4532a", "#3f6e8c"];

const WRITER_KEY: &str = "current_writer";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PartnerId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Partner {
    pub id: PartnerId,
    pub name: String,
    pub color: String,
}

/// What a person types in the setup or settings form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PartnerInput {
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
}

impl Store {
    /// Both partners, in id order; empty before setup.
    pub fn partners(&self) -> Result<Vec<Partner>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, name, color FROM partners ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Partner {
                id: PartnerId(r.get(0)?),
                name: r.get(1)?,
                color: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn is_set_up(&self) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM partners", [], |r| r.get::<_, i64>(0))?
            == 2)
    }

    /// Saves both partners at once (or neither) and makes the first the writer.
    pub fn setup_couple(&mut self, partners: [PartnerInput; 2], clock: &dyn Clock) -> Result<()> {
        if self.is_set_up()? {
            return Err(Error::NotAllowed(
                "Hearth is already set up. You can change names in Settings.".into(),
            ));
        }
        let [first, second] = partners;
        let first = validate(&first, "Your name", DEFAULT_COLORS[0])?;
        let second = validate(&second, "Your partner's name", DEFAULT_COLORS[1])?;
        ensure_distinct(&first.0, &second.0)?;
        let now = clock.now().to_rfc3339_opts(SecondsFormat::Secs, true);
        let tx = self.conn_mut().transaction()?;
        for (id, (name, color)) in [(1, first), (2, second)] {
            tx.execute(
                "INSERT INTO partners (id, name, color, created_at) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![id, name, color, now],
            )?;
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, '1')
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [WRITER_KEY],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Renames or recolours one partner.
    pub fn update_partner(&mut self, id: PartnerId, input: &PartnerInput) -> Result<Partner> {
        let current = self.partner(id)?;
        let (name, color) = validate(input, "The name", &current.color)?;
        let other = self
            .partners()?
            .into_iter()
            .find(|p| p.id != id)
            .ok_or(Error::NotSetUp)?;
        ensure_distinct(&name, &other.name)?;
        self.conn().execute(
            "UPDATE partners SET name = ?2, color = ?3 WHERE id = ?1",
            rusqlite::params![id.0, name, color],
        )?;
        self.partner(id)
    }

    pub fn partner(&self, id: PartnerId) -> Result<Partner> {
        self.conn()
            .query_row(
                "SELECT id, name, color FROM partners WHERE id = ?1",
                [id.0],
                |r| {
                    Ok(Partner {
                        id: PartnerId(r.get(0)?),
                        name: r.get(1)?,
                        color: r.get(2)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| {
                if self.is_set_up().unwrap_or(false) {
                    Error::NotFound("There's no partner with that id.".into())
                } else {
                    Error::NotSetUp
                }
            })
    }

    /// Who is writing now; `None` only before setup.
    pub fn writer(&self) -> Result<Option<PartnerId>> {
        let Some(raw) = self.setting(WRITER_KEY)? else {
            return Ok(None);
        };
        Ok(raw.parse().ok().map(PartnerId))
    }

    /// Makes `id` the one writing. Persisted, so it survives a restart.
    pub fn set_writer(&mut self, id: PartnerId) -> Result<Partner> {
        let partner = self.partner(id)?;
        self.set_setting(WRITER_KEY, &id.0.to_string())?;
        Ok(partner)
    }
}

fn validate(input: &PartnerInput, what: &str, fallback_color: &str) -> Result<(String, String)> {
    let name = short_label(&input.name, what, NAME_MAX_CHARS)?;
    let color = match input.color.as_deref().map(str::trim) {
        None | Some("") => fallback_color.to_string(),
        Some(c) => parse_color(c)?,
    };
    Ok((name, color))
}

fn ensure_distinct(a: &str, b: &str) -> Result<()> {
    if a.to_lowercase() == b.to_lowercase() {
        return Err(Error::invalid(
            "The two names are the same. Please use names that tell you apart, like a nickname or an initial.",
        ));
    }
    Ok(())
}

/// Accepts `#rrggbb` (any case) and returns it in lower case.
fn parse_color(raw: &str) -> Result<String> {
    let hex = raw.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(format!("#{}", hex.to_ascii_lowercase()))
    } else {
        Err(Error::invalid(
            "That colour isn't one Hearth understands. Please pick one of the swatches.",
        ))
    }
}
