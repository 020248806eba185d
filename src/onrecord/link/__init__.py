"""Across articles: exact and near duplicates, stories (one event, many outlets), statements (one utterance, many renderings).

    from onrecord.link import Linker
    linker = Linker.from_state(store.load_state(Linker.STATE_KEY))
    result = linker.link(articles, quotes)
    store.save_state(Linker.STATE_KEY, linker.to_state())
"""

from .linker import Linker, LinkResult, LinkStateError
from .settings import LinkSettings, default_settings

__all__ = ["Linker", "LinkResult", "LinkStateError", "LinkSettings", "default_settings"]
