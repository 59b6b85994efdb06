from django import template

from cchc.basics.guide import help_url

register = template.Library()


@register.simple_tag(takes_context=True)
def guide_url(context) -> str:
    """The guide page for the page being shown (the help link of the top bar)."""
    request = context.get("request")
    return help_url(request) if request is not None else ""
