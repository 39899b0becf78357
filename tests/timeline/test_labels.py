"""Record titles are labels people read (the dashboard's events table, the report): whole words,
never a longer field of the same record cut short."""

from __future__ import annotations

from tradewar.timeline import builtin_timeline

#: A record's title is cut if it is the start of a longer text field of the same record and the
#: next character continues the word.
TEXT_FIELDS = ("outcome", "notes", "scope")


def test_no_title_is_a_longer_field_cut_mid_word() -> None:
    timeline = builtin_timeline()
    cut = []
    for record in [*timeline.events, *timeline.measures, *timeline.commitments]:
        title = record.title
        for field in TEXT_FIELDS:
            text = getattr(record, field, None)
            longer = isinstance(text, str) and len(text) > len(title) and text.startswith(title)
            if longer and text[len(title)].isalnum():
                cut.append(f"{record.id}: {title!r} (from {field})")
    assert not cut, "write whole titles for:\n" + "\n".join(cut)
