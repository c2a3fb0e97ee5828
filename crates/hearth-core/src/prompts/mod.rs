//! Prompts: questions that help a couple start writing.
//!
//! The library ships with Hearth ([`library::LIBRARY`]); a couple can add
//! their own, which are stored. One prompt a day is the same for both partners
//! and each answer stays hidden until both have written (see [`daily`]).

pub mod daily;
pub mod library;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::couple::PartnerId;
use crate::error::{Error, Result};
use crate::stamp;
use crate::store::Store;
use crate::text::short_label;

pub use daily::DailyPrompt;

/// Longest prompt a couple may add, in characters.
pub const PROMPT_MAX_CHARS: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    TrustAndRepair,
    HowWeAreDoing,
    Appreciation,
    Memories,
    Hopes,
    HardConversations,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::TrustAndRepair,
        Category::HowWeAreDoing,
        Category::Appreciation,
        Category::Memories,
        Category::Hopes,
        Category::HardConversations,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::TrustAndRepair => "trust_and_repair",
            Category::HowWeAreDoing => "how_we_are_doing",
            Category::Appreciation => "appreciation",
            Category::Memories => "memories",
            Category::Hopes => "hopes",
            Category::HardConversations => "hard_conversations",
        }
    }

    /// The heading the page shows.
    pub fn label(self) -> &'static str {
        match self {
            Category::TrustAndRepair => "Trust and repair",
            Category::HowWeAreDoing => "How we are doing",
            Category::Appreciation => "Appreciation",
            Category::Memories => "Memories",
            Category::Hopes => "Hopes",
            Category::HardConversations => "Hard conversations",
        }
    }

    /// Whether the prompt of the day may come from this category in a
    /// couple's first two weeks ([`daily::GENTLE_DAYS`]): how they are
    /// doing, thanks, good memories and light hopes. Trust and repair and
    /// hard conversations wait until they have found their feet.
    pub fn is_gentle(self) -> bool {
        matches!(
            self,
            Category::HowWeAreDoing | Category::Appreciation | Category::Memories | Category::Hopes
        )
    }

    pub fn parse(raw: &str) -> Result<Category> {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == raw.trim())
            .ok_or_else(|| Error::invalid("Please pick one of the prompt categories."))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Prompt {
    pub id: String,
    pub category: Category,
    pub text: String,
    /// Added by the couple rather than shipped with Hearth.
    pub custom: bool,
    /// Who added it (custom prompts only).
    pub added_by: Option<PartnerId>,
}

fn shipped(&(id, category, text): &(&str, Category, &str)) -> Prompt {
    Prompt {
        id: id.into(),
        category,
        text: text.into(),
        custom: false,
        added_by: None,
    }
}

pub(crate) fn custom_from_row(r: &rusqlite::Row) -> rusqlite::Result<Prompt> {
    let category: String = r.get(1)?;
    Ok(Prompt {
        id: r.get(0)?,
        category: Category::parse(&category)
            .map_err(|_| stamp::bad_column(1, "category", &category))?,
        text: r.get(2)?,
        custom: true,
        added_by: Some(PartnerId(r.get(3)?)),
    })
}

impl Store {
    /// Every prompt: the library first, then the couple's own, oldest first.
    pub fn prompts(&self) -> Result<Vec<Prompt>> {
        let mut all: Vec<Prompt> = library::LIBRARY.iter().map(shipped).collect();
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, category, text, created_by FROM custom_prompts ORDER BY created_at, id",
        )?;
        let custom = stmt.query_map([], custom_from_row)?;
        for prompt in custom {
            all.push(prompt?);
        }
        Ok(all)
    }

    pub fn prompt(&self, id: &str) -> Result<Prompt> {
        if let Some(p) = library::LIBRARY.iter().find(|p| p.0 == id) {
            return Ok(shipped(p));
        }
        self.conn()
            .prepare_cached(
                "SELECT id, category, text, created_by FROM custom_prompts WHERE id = ?1",
            )?
            .query_row([id], custom_from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound("That prompt isn't in Hearth's library.".into()))
    }

    /// The words of prompt `id`, from the library or the couple's own;
    /// `None` when there is no such prompt.
    pub(crate) fn prompt_text(&self, id: &str) -> Result<Option<String>> {
        if let Some(p) = library::LIBRARY.iter().find(|p| p.0 == id) {
            return Ok(Some(p.2.to_string()));
        }
        Ok(self
            .conn()
            .prepare_cached("SELECT text FROM custom_prompts WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// Adds a prompt of the couple's own to the library.
    pub fn add_prompt(
        &mut self,
        author: PartnerId,
        category: &str,
        text: &str,
        clock: &dyn Clock,
    ) -> Result<Prompt> {
        self.ensure_partner(author)?;
        let category = Category::parse(category)?;
        let text = short_label(text, "The prompt", PROMPT_MAX_CHARS)?;
        if text.contains(['\u{E000}', '\u{E001}']) {
            return Err(Error::invalid(
                "The prompt has an invisible character in it. Please retype it.",
            ));
        }
        let id = format!("custom-{}", stamp::new_uid());
        self.conn().execute(
            "INSERT INTO custom_prompts (id, category, text, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, category.as_str(), text, author.0, stamp::now(clock)],
        )?;
        self.prompt(&id)
    }

    /// Checks a prompt id given with an entry; blank means none.
    pub(crate) fn optional_prompt_id(&self, raw: Option<&str>) -> Result<Option<String>> {
        match raw.map(str::trim) {
            None | Some("") => Ok(None),
            Some(id) => Ok(Some(self.prompt(id)?.id)),
        }
    }
}
