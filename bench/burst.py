"""200 people register at once for 20 seats, over HTTP against gunicorn; the same 200 clients ask
the baseline `/livez` at once, so registrations per second are a ratio to it."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from bench import servers
from bench.load import Client

PEOPLE, SEATS = 200, 20


def _at_once(clients: list[Client], ask) -> tuple[float, list[int]]:
    """Every client asks once, all released together; seconds until the last answer, and the statuses."""
    barrier = threading.Barrier(len(clients) + 1)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def one(client: Client) -> None:
        try:
            barrier.wait(timeout=120)
            statuses.append(ask(client))
        except BaseException as error:  # noqa: BLE001 - counted below
            errors.append(error)

    threads = [threading.Thread(target=one, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    barrier.wait(timeout=120)
    started = time.perf_counter()
    for thread in threads:
        thread.join(timeout=300)
    return time.perf_counter() - started, statuses + [0] * len(errors)


def registrations(base: str, env: dict) -> dict:
    made = servers.inside(env, "event", str(PEOPLE), str(SEATS))
    path = f"/veranstaltungen/{made['event_id']}/anmelden"

    def signed_in(email: str) -> tuple[Client, str]:
        client = Client(base)
        client.sign_in(email, made["password"])
        return client, client.csrf_token("/__csrf__")

    with ThreadPoolExecutor(8) as pool:
        pairs = list(pool.map(signed_in, made["emails"]))
    tokens = {id(client): token for client, token in pairs}
    clients = [client for client, _ in pairs]
    baseline_s, baseline = _at_once(clients, lambda c: c.request("/livez").status)
    register_s, answers = _at_once(clients, lambda c: c.request(path, {"csrf_token": tokens[id(c)]}).status)
    counts = servers.inside(env, "registrations", str(made["event_id"]))
    baseline_rps, register_rps = PEOPLE / baseline_s, PEOPLE / register_s
    return {"people": PEOPLE, "seats": SEATS, "per_second": round(register_rps, 1),
            "baseline_per_second": round(baseline_rps, 1), "ratio": round(baseline_rps / register_rps, 2),
            "answers_302": answers.count(302), "other_answers": len(answers) - answers.count(302),
            "counts": counts["by_status"], "confirmed_count": counts["confirmed_count"],
            "exact": counts["by_status"].get("confirmed") == SEATS
            and counts["by_status"].get("waitlisted") == PEOPLE - SEATS and answers.count(302) == PEOPLE}
