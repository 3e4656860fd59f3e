"""Input formats for zh-hans with ISO dates first.

Django's zh_Hans locale puts "%Y/%m/%d" first, and a DateInput without an explicit format renders its
value with the first input format: an <input type="date"> only accepts "2021-03-15", so the browser
showed such a field empty and a form saved without retyping cleared the date. The other formats are
still accepted on input."""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2016-09-05' (what <input type="date"> sends and shows)
    "%Y/%m/%d",  # '2016/09/05'
    "%Y年%n月%j日",  # '2016年9月5日' (as Django's zh_Hans locale spells it)
]

DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S.%f",
    "%Y年%n月%j日 %H:%M",
    "%Y年%n月%j日 %H:%M:%S",
]
