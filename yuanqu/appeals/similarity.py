"""Similar appeals (举一反三). To be completed: segmentation with jieba and the posting index."""


def appeal_index(appeal) -> None:
    """Index the appeal's words for the similar-appeal lookup."""
    return None
