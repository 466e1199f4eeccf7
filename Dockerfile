FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# collectstatic needs a key to import settings; it is not the runtime key.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput
RUN if ls locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then SECRET_KEY=build-only python manage.py compilemessages -v0; fi
RUN useradd --system --uid 1000 ccm && mkdir -p /data/media && chown ccm /data/media
USER ccm
EXPOSE 8000
CMD ["gunicorn", "ccm_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
