"""Pledge pages: record one against a need, its page (commit, payments), change or archive it,
and the list. A donor's users act on their own donor's pledges, the ISU on all
(`Pledge.objects.editable_by`); every write goes through assistance/services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import DONOR, ISU, has_role, role_of, role_required
from assistance.forms import ArchiveForm, CommitForm, DisbursementForm, PledgeForm
from assistance.models import Need, Pledge
from assistance.models.money import USD
from assistance.services import archive_pledge, commit_pledge, record_disbursement
from core.lists import filter_sort_paginate


def _with_amounts(user):
    return Pledge.objects.visible_to(user).with_amounts().select_related("need", "donor", "state")


def _editable_pledge(request, pk: int) -> Pledge:
    """A pledge the user may change, with its amounts (404 for others' pledges, as for unknown ones)."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    return get_object_or_404(
        Pledge.objects.editable_by(request.user).with_amounts().select_related("need", "donor", "state"), pk=pk
    )


def _add_errors(form, exc: ValidationError, default_field: str | None = None) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else default_field, errors)


@require_http_methods(["GET", "POST"])
@role_required(ISU, DONOR)
def pledge_create(request, need_pk: int):
    need = get_object_or_404(Need.objects.visible_to(request.user).select_related("state"), pk=need_pk)
    pledge = Pledge(need=need, state=need.state, article=need.article, created_by=request.user)
    initial = {}
    if request.method == "GET":  # the donor's usual currency (the ISU names the donor in the form: USD until then)
        currency = Pledge.objects.usual_currency(request.user.donor_id) if has_role(request.user, DONOR) else None
        initial["currency"] = currency or USD
    form = PledgeForm(request.POST or None, instance=pledge, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Pledge recorded."))
        return redirect(need)
    return render(request, "assistance/pledge_form.html", {"form": form, "need": need})


@require_http_methods(["GET", "POST"])
@role_required(ISU, DONOR)
def pledge_edit(request, pk: int):
    """Change the amount, currency, dates or notes of a pledge (not of an archived one)."""
    pledge = _editable_pledge(request, pk)
    if pledge.archived_on:
        messages.error(request, _("This pledge was archived; it can no longer be changed."))
        return redirect("assistance:pledge-detail", pk=pk)
    form = PledgeForm(request.POST or None, instance=pledge, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Pledge saved."))
        return redirect("assistance:pledge-detail", pk=pk)
    return render(request, "assistance/pledge_form.html", {"form": form, "need": pledge.need, "pledge": pledge})


@require_http_methods(["GET", "POST"])
@role_required(ISU, DONOR)
def pledge_archive(request, pk: int):
    """Take a pledge without payments out of every total, with the reason (kept, not deleted)."""
    pledge = _editable_pledge(request, pk)
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            archive_pledge(pledge.pk, form.cleaned_data["reason"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Pledge archived: it no longer counts in any total."))
            return redirect("assistance:pledge-detail", pk=pk)
    status = 400 if form.errors else 200
    return render(request, "assistance/pledge_archive.html", {"form": form, "pledge": pledge}, status=status)


def _pledge_page(request, pledge: Pledge, status: int = 200, can_edit: bool | None = None, **forms):
    user = request.user
    if can_edit is None:
        can_edit = user.is_authenticated and Pledge.objects.editable_by(user).filter(pk=pledge.pk).exists()
    context = {
        "pledge": pledge,
        "can_edit": can_edit,
        "private_text": pledge.private_text_visible_to(user),
        "commit_form": CommitForm(initial={"committed_on": timezone.localdate()}),
        "disbursement_form": DisbursementForm(pledge=pledge, initial={"date": timezone.localdate()}),
        **forms,
    }
    return render(request, "assistance/pledge_detail.html", context, status=status)


@require_GET
def pledge_detail(request, pk: int):
    return _pledge_page(request, get_object_or_404(_with_amounts(request.user), pk=pk))


@require_POST
def pledge_commit(request, pk: int):
    pledge = _editable_pledge(request, pk)
    form = CommitForm(request.POST)
    if form.is_valid():
        try:
            commit_pledge(pledge.pk, form.cleaned_data["committed_on"])
        except ValidationError as exc:
            _add_errors(form, exc, default_field="committed_on")
        else:
            messages.success(request, _("Pledge marked as committed."))
            return redirect("assistance:pledge-detail", pk=pk)
    return _pledge_page(request, pledge, status=400, can_edit=True, commit_form=form)


@require_POST
def pledge_disburse(request, pk: int):
    pledge = _editable_pledge(request, pk)
    form = DisbursementForm(request.POST, pledge=pledge)
    if form.is_valid():
        try:
            record_disbursement(pledge.pk, form.cleaned_data["date"], form.cleaned_data["amount"], request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Payment recorded."))
            return redirect("assistance:pledge-detail", pk=pk)
    return _pledge_page(request, pledge, status=400, can_edit=True, disbursement_form=form)


@login_required
@require_GET
def pledge_list(request):
    user = request.user
    pledges = Pledge.objects.visible_to(user).live()
    if role_of(user) == DONOR:
        pledges = pledges.filter(donor_id=user.donor_id)
    pledges = pledges.with_amounts().select_related("donor", "state", "need").order_by("-pledged_on", "-id")
    return render(
        request, "assistance/pledge_list.html", filter_sort_paginate(request, pledges, per_page=100).context()
    )
