//! The prompts Hearth ships with, written for this project.
//!
//! Ids are stable: answers and days point at them, so a prompt's wording may
//! be polished but its id never reused for a different question.
//!
//! Both partners answer the same prompt, so a hard conversation never says
//! "I" or "me" for the other partner: it says "your partner", and the one
//! answering is always "you".

use super::Category::{self, *};

/// `(id, category, text)`, grouped by category.
#[rustfmt::skip]
pub static LIBRARY: &[(&str, Category, &str)] = &[
    // Trust and repair
    ("trust-01", TrustAndRepair, "What is one small thing I could do this week that would help you feel safer with me?"),
    ("trust-02", TrustAndRepair, "When did you last feel you could count on me? What did I do?"),
    ("trust-03", TrustAndRepair, "What does trust look like to you on an ordinary day?"),
    ("trust-04", TrustAndRepair, "Is there a promise, big or small, you'd like us to make again, more carefully this time?"),
    ("trust-05", TrustAndRepair, "What helps you believe what I say? What makes it harder?"),
    ("trust-06", TrustAndRepair, "What would you like me to tell you without you having to ask?"),
    ("trust-07", TrustAndRepair, "What is one thing you've noticed me doing differently lately?"),
    ("trust-08", TrustAndRepair, "When doubt comes up for you, what would you like me to do?"),
    ("trust-09", TrustAndRepair, "What do you still need to hear from me?"),
    ("trust-10", TrustAndRepair, "What is one thing I could stop doing that would make trusting me easier?"),
    ("trust-11", TrustAndRepair, "A few months from now, how will we know that trust is coming back?"),
    // How we are doing
    ("doing-01", HowWeAreDoing, "How are you, really, today? Take a breath before you answer."),
    ("doing-02", HowWeAreDoing, "What felt good between us this week?"),
    ("doing-03", HowWeAreDoing, "What felt hard between us this week?"),
    ("doing-04", HowWeAreDoing, "When did you feel closest to me lately?"),
    ("doing-05", HowWeAreDoing, "When did you feel far from me lately?"),
    ("doing-06", HowWeAreDoing, "What is taking most of your energy right now?"),
    ("doing-07", HowWeAreDoing, "What do you need more of from us right now? And less of?"),
    ("doing-08", HowWeAreDoing, "From stormy to sunny, what is the weather between us today, and why?"),
    ("doing-09", HowWeAreDoing, "Is there something small that has been bothering you that you haven't said yet?"),
    ("doing-10", HowWeAreDoing, "What has helped you through the harder days recently?"),
    ("doing-11", HowWeAreDoing, "What would make tomorrow a slightly better day for us?"),
    // Appreciation
    ("thanks-01", Appreciation, "What is something I did recently that you were glad about?"),
    ("thanks-02", Appreciation, "What quality of mine have you been grateful for lately?"),
    ("thanks-03", Appreciation, "When did I last make you laugh?"),
    ("thanks-04", Appreciation, "What effort of mine have you noticed, even a small one?"),
    ("thanks-05", Appreciation, "What do you respect in how I've been handling these months?"),
    ("thanks-06", Appreciation, "What part of our everyday life together would you miss if it stopped?"),
    ("thanks-07", Appreciation, "What do I do that makes you feel cared for?"),
    ("thanks-08", Appreciation, "When was I at my best with you this month?"),
    ("thanks-09", Appreciation, "What would you like to thank me for that you've never said out loud?"),
    ("thanks-10", Appreciation, "What did we do together recently that you enjoyed?"),
    ("thanks-11", Appreciation, "What small habit of mine do you secretly love?"),
    // Memories
    ("memory-01", Memories, "What do you remember about the day we met?"),
    ("memory-02", Memories, "What trip or outing of ours do you still think about?"),
    ("memory-03", Memories, "When did you first know you loved me?"),
    ("memory-04", Memories, "What hard time did we get through together? How did we do it?"),
    ("memory-05", Memories, "What silly moment of ours still makes you smile?"),
    ("memory-06", Memories, "What song, smell or place brings back a good memory of us?"),
    ("memory-07", Memories, "What was our first home like? What do you miss about it?"),
    ("memory-08", Memories, "Which of our little traditions would you like to keep?"),
    ("memory-09", Memories, "When were you proudest of us as a couple?"),
    ("memory-10", Memories, "What meal we shared do you still remember, and why?"),
    ("memory-11", Memories, "What did you think of me the first time you saw me?"),
    // Hopes
    ("hope-01", Hopes, "What do you hope our life looks like a year from now?"),
    ("hope-02", Hopes, "What is something new you'd like us to try together?"),
    ("hope-03", Hopes, "Where would you go on a trip planned only for fun?"),
    ("hope-04", Hopes, "What kind of evening together would you like us to have more often?"),
    ("hope-05", Hopes, "What do you hope we'll have learned from this time?"),
    ("hope-06", Hopes, "What dream of yours would you like me to know more about?"),
    ("hope-07", Hopes, "How would you like our home to feel?"),
    ("hope-08", Hopes, "What is one thing you hope we never lose?"),
    ("hope-09", Hopes, "How would you like us to handle disagreements from now on?"),
    ("hope-10", Hopes, "What would you like us to celebrate together, and how?"),
    ("hope-11", Hopes, "When you picture us old together, what are we doing?"),
    // Hard conversations
    ("hard-01", HardConversations, "What have you been afraid to tell your partner? You can start with just a part of it."),
    ("hard-02", HardConversations, "What question about what happened do you still carry?"),
    ("hard-03", HardConversations, "When does the hurt come back most: a time of day, a place, a word?"),
    ("hard-04", HardConversations, "What does your partner do that makes it harder for you to speak openly?"),
    ("hard-05", HardConversations, "What do you need from your partner when you're angry?"),
    ("hard-06", HardConversations, "What part of what happened do you think your partner still doesn't understand?"),
    ("hard-07", HardConversations, "Is there something you're not ready to forgive yet? What would help, in time?"),
    ("hard-08", HardConversations, "What are you most afraid of for us?"),
    ("hard-09", HardConversations, "What do you wish your partner had asked you by now?"),
    ("hard-10", HardConversations, "What boundary would help you feel safer right now?"),
    ("hard-11", HardConversations, "What do you want to say about how you yourself have been, not only about your partner?"),
];
