"""The served build: a `kb build` is picked up on the next request without a restart, one
thread loads it while the others go on with the build they have, a build that does not load
leaves the old one serving, and a request takes its build once and answers from it alone."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from fastapi.testclient import TestClient

from kb.errors import CorruptIndexError, IndexNotFoundError
from kb.index import Index
from kb.serve.app import create_app
from kb.serve.holder import IndexHolder, Loaded
from tests.support.api_fixtures import Built, make_build


class Builds:
    """A stand-in for the build folder: what CURRENT says, and what loading gives."""

    def __init__(self, index: Index) -> None:
        self.pointer = "build-1"
        self.index = index
        self.loads = 0
        self.failure: Exception | None = None
        self.gate: threading.Event | None = None
        self.loading = threading.Event()

    def load(self) -> Index:
        self.loads += 1
        self.loading.set()
        if self.gate is not None:
            self.gate.wait(timeout=30)
        if self.failure is not None:
            raise self.failure
        return self.index

    def holder(self) -> IndexHolder:
        return IndexHolder(self.load, lambda: self.pointer)


@pytest.fixture
def builds(built: Built) -> Builds:
    return Builds(built.holder().current().index)


def test_the_build_is_loaded_once_until_current_changes(builds: Builds) -> None:
    holder = builds.holder()
    first = holder.current()
    assert holder.current() is first and builds.loads == 1
    builds.pointer = "build-2"
    second = holder.current()
    assert second is not first and builds.loads == 2
    assert holder.current() is second and builds.loads == 2


def test_others_keep_the_old_build_while_one_loads_the_new(builds: Builds) -> None:
    holder = builds.holder()
    old = holder.current()
    builds.pointer, builds.gate = "build-2", threading.Event()
    builds.loading.clear()
    result: list[object] = []
    loader = threading.Thread(target=lambda: result.append(holder.current()))
    loader.start()
    assert builds.loading.wait(timeout=30)
    # The loader is blocked inside load(): another request is answered at once, from `old`.
    assert holder.current() is old
    builds.gate.set()
    loader.join(timeout=30)
    assert result and result[0] is not old and holder.current() is result[0]
    assert builds.loads == 2


def test_a_build_that_does_not_load_leaves_the_old_one_serving(builds: Builds) -> None:
    holder = builds.holder()
    old = holder.current()
    builds.pointer, builds.failure = "build-2", CorruptIndexError("dense.faiss is damaged")
    assert holder.current() is old
    assert holder.current() is old and builds.loads == 2  # not tried again for build-2
    builds.pointer, builds.failure = "build-3", None
    assert holder.current() is not old and builds.loads == 3


def test_no_build_at_all_is_an_error_each_time(builds: Builds) -> None:
    builds.failure = IndexNotFoundError("no index; run `kb build` first")
    holder = builds.holder()
    for _ in range(2):
        with pytest.raises(IndexNotFoundError):
            holder.current()


def test_a_rebuild_is_served_without_a_restart(tmp_path_factory: pytest.TempPathFactory) -> None:
    own = make_build(tmp_path_factory.mktemp("swap"))
    with TestClient(create_app(own.holder())) as client:
        before = client.get("/readyz").json()["build_id"]
        new = own.rebuild()
        assert new != before
        assert client.get("/readyz").json()["build_id"] == new
        reply = client.post("/v1/search", json={"question": "techniek in Limburg"})
        assert reply.headers["X-KB-Build"] == new


class Counting(IndexHolder):
    def __init__(self, inner: IndexHolder) -> None:
        super().__init__(inner._load, inner._pointer)
        self.calls = 0

    def current(self) -> Loaded:
        self.calls += 1
        return super().current()


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v1/search", {"question": "techniek in Limburg"}),
        ("POST", "/v1/answer", {"question": "techniek in Limburg"}),
        ("GET", "/v1/passages/techniekpact-2017%2Fvoorwoord%2F01%231", None),
        ("POST", "/v1/runs", None),
    ],
)
def test_a_request_takes_the_build_once(
    builds: Builds, method: str, path: str, body: dict[str, str] | None
) -> None:
    holder = Counting(builds.holder())
    content = '{"_id": "a", "text": "techniek"}\n{"_id": "b", "text": "pabo"}\n'
    with TestClient(create_app(holder)) as client:
        reply = client.request(method, path, json=body, content=None if body else content)
    assert reply.status_code == 200
    assert holder.calls == 1


def test_an_old_build_is_freed_once_swapped(tmp_path_factory: pytest.TempPathFactory) -> None:
    own = make_build(tmp_path_factory.mktemp("freed"))
    holder = own.holder()
    with TestClient(create_app(holder)) as client:
        assert client.post("/v1/answer", json={"question": "techniek"}).status_code == 200
        old = weakref.ref(holder.current().index)
        own.rebuild()
        assert client.post("/v1/answer", json={"question": "techniek"}).status_code == 200
        gc.collect()
        assert old() is None
