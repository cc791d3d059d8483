"""The tolerant comparison of notebook outputs used on machines that do not compute like the
recording one (conftest.py): it must accept last-digit differences and reject real changes."""
import conftest


def test_numbers_within_tolerance_pass():
    assert conftest.within_tolerance("loss 0.109 after 157 batches", "loss 0.092 after 157 batches")
    assert conftest.within_tolerance("accuracy 100.0%", "accuracy 99.9%")
    assert conftest.within_tolerance("accuracy 99.8%; 95% interval 99.3%–99.9%", "accuracy 98.1%; 95% interval 97.2%–98.8%")
    assert conftest.within_tolerance("p = 0.001", "p = 0.003")  # near 0: the absolute tolerance
    assert conftest.within_tolerance("✓ 1,000 of 1,000 right", "✓ 998 of 1,000 right")


def test_a_table_whose_column_widths_follow_its_numbers_passes():
    recorded = " Gaps  |  Accuracy  |\n---------------------\n  0.2  |     0.998  |\n"
    new = " Gaps  |  Accuracy  |\n---------------------\n  0.2  |         1  |\n"
    assert conftest.within_tolerance(recorded, new)


def test_other_words_or_far_numbers_fail():
    assert not conftest.within_tolerance("expected Down predicted Down", "expected Down predicted Left")
    assert not conftest.within_tolerance("accuracy 99.9%", "accuracy 25.0%")
    # a collapse that 50% relative tolerance would let through
    assert not conftest.within_tolerance("accuracy 99.9%, loss 0.023", "accuracy 60.0%, loss 0.023")
    assert not conftest.within_tolerance("95% interval 99.3%–99.9%", "95% interval 90.1%–99.9%")
    assert not conftest.within_tolerance("157 batches", "15 batches")
    assert not conftest.within_tolerance("frames 1, 8, 15", "frames 1, 8")


def _figure(loss, title="Training: loss 0.0224", cells=("272", "0")):
    return {"data": [{"type": "scatter", "name": "loss", "x": [32, 64], "y": [1.6, loss]}],
            "layout": {"title": {"text": title}, "annotations": [{"text": t} for t in cells]}}


def test_a_chart_is_compared_value_by_value_within_tolerance():
    assert conftest.within_tolerance(_figure(0.0224), _figure(0.0301, title="Training: loss 0.0301"))
    assert not conftest.within_tolerance(_figure(0.0224), _figure(0.9))
    assert not conftest.within_tolerance(_figure(0.0224), _figure(0.0224, title="Training: accuracy 0.0224"))
    longer = _figure(0.0224)
    longer["data"][0]["y"].append(0.01)
    assert not conftest.within_tolerance(_figure(0.0224), longer)
    renamed = _figure(0.0224)
    renamed["layout"]["subtitle"] = renamed["layout"].pop("title")
    assert not conftest.within_tolerance(_figure(0.0224), renamed)


def test_a_chart_that_depends_on_training_is_compared_by_its_structure():
    assert conftest.same_structure(_figure(0.0224), _figure(0.9, title="other", cells=("250", "22")))
    assert not conftest.same_structure(_figure(0.0224), _figure(0.0224, cells=("272",)))
    assert not conftest.same_structure(_figure(0.0224), _figure(None))


def test_the_recorded_fingerprint_is_a_digest():
    fingerprint = conftest.reference_fingerprint()
    assert len(fingerprint) == 16 and int(fingerprint, 16) >= 0
