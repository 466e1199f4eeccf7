from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N&page_size=M` (at most 500), as the API contract promises."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        # An unordered queryset pages unpredictably (rows repeat or vanish between pages).
        if hasattr(queryset, "ordered") and not queryset.ordered:
            raise AssertionError(f"{view.__class__.__name__} lists an unordered queryset")
        return super().paginate_queryset(queryset, request, view)
