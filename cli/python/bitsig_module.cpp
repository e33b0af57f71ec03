// SPDX-License-Identifier: MIT
// The Python module `bitsig` (pybind11): a front end like the CLI. It parses keyword
// arguments into the same Conditions and SearchOptions, makes the same single engine call,
// and returns the CLI's JSON document (cli/render's to_json, fixed by CONTRACTS.md) as
// plain dicts and lists, so a notebook sees exactly the keys `--format json` writes.
// Nothing is computed here. Errors are Python exceptions carrying the located messages.
#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "attractor/order.hpp"
#include "attractor/search.hpp"
#include "common.hpp"
#include "core/error.hpp"
#include "io/source.hpp"
#include "perturb/conditions.hpp"
#include "perturb/perturbation.hpp"
#include "query/simulate.hpp"
#include "render.hpp"
#include "respond.hpp"
#include "response/response.hpp"
#include "simulate_render.hpp"

namespace py = pybind11;

namespace bitsig::python {

namespace {

// A model with the conditions applied so far; the base network is shared between copies.
class Model {
public:
    explicit Model(std::shared_ptr<const Network> net, Conditions conditions = {})
        : net_(std::move(net)), conditions_(std::move(conditions)) {
        // Resolving now reports unknown names when apply() is called, not at the search.
        perturbation_ = resolve(*net_, conditions_);
    }

    std::string name() const { return net_->model_name(); }
    std::vector<std::string> nodes() const { return net_->names(); }
    std::vector<std::string> drugs() const {
        std::vector<std::string> out;
        for (const auto& d : net_->drugs()) out.push_back(d.name);
        return out;
    }
    std::vector<std::string> contexts() const {
        std::vector<std::string> out;
        for (const auto& c : net_->contexts()) out.push_back(c.name);
        return out;
    }
    std::string conditions() const { return conditions_.describe(); }
    std::vector<std::string> warnings() const {
        std::vector<std::string> out;
        for (const auto& w : net_->warnings()) out.push_back(format_diagnostic(w));
        return out;
    }

    Model apply(const std::vector<std::string>& ko, const std::vector<std::string>& oe,
                const std::map<std::string, int>& fix, const std::vector<std::string>& drugs,
                const std::vector<std::string>& contexts, const std::vector<std::string>& cuts, const std::string& text,
                bool free_inputs) const {
        Conditions c = conditions_;
        if (!text.empty()) merge(c, Conditions::parse(text));
        c.knockouts.insert(c.knockouts.end(), ko.begin(), ko.end());
        c.overexpressions.insert(c.overexpressions.end(), oe.begin(), oe.end());
        for (const auto& [name, value] : fix) {
            if (value != 0 && value != 1) throw py::value_error(errors::python_bad_fix(name, value));
            c.fixes.push_back(name + "=" + std::to_string(value));
        }
        c.drugs.insert(c.drugs.end(), drugs.begin(), drugs.end());
        c.contexts.insert(c.contexts.end(), contexts.begin(), contexts.end());
        c.cuts.insert(c.cuts.end(), cuts.begin(), cuts.end());
        c.free_inputs = c.free_inputs || free_inputs;
        return Model(net_, std::move(c));
    }

    py::object attractors(const std::string& update, const std::string& method, const std::string& order,
                          std::uint64_t limit, unsigned threads) const {
        SearchOptions o;
        if (update == "sync" || update == "synchronous")
            o.update = UpdateScheme::synchronous;
        else if (update == "async" || update == "asynchronous")
            o.update = UpdateScheme::asynchronous;
        else
            throw py::value_error(errors::python_bad_update(update));
        o.method = parse_method(method);
        o.fixed_points.max_solutions = limit;
        return search(o, order, threads, false);
    }

    py::object fixed_points(std::uint64_t limit, const std::string& order, unsigned threads) const {
        SearchOptions o;
        o.fixed_points.max_solutions = limit;
        return search(o, order, threads, true);
    }

    /// `bitsig respond`: from this model's conditions (or `initial`), apply each step.
    py::object respond(const std::string& to, const std::vector<std::string>& then, const std::string& initial,
                       const std::string& update, const std::string& method, std::uint64_t samples, std::uint64_t seed,
                       unsigned threads) const {
        cli::RespondRequest request;
        request.to = to;
        request.then = then;
        request.initial = initial;
        request.update = update;
        request.method = method;
        request.samples = samples;
        request.seed = seed;
        if (update != "sync" && update != "synchronous" && update != "async" && update != "asynchronous")
            throw py::value_error(errors::python_bad_update(update));
        ResponseQuery query = cli::response_query(request);
        query.from = conditions_;               // the conditions applied to this model are the start
        request.from = conditions_.describe();  // as the JSON's "from" shows them
        const ResponseOptions options = cli::response_options(request);
        return run_interruptible(threads, [&](const Control& control) {
            return cli::response_json(*net_, request, bitsig::respond(*net_, query, options, control)).dump();
        });
    }

    /// `bitsig simulate` on this model with its conditions; None keeps the default.
    py::object simulate(std::optional<std::uint64_t> samples, std::optional<double> max_time,
                        std::optional<double> time_tick, std::optional<std::uint64_t> seed, const std::string& initial,
                        std::optional<bool> discrete_time, const std::string& cfg, unsigned threads) const {
        SimulationRequest request;
        request.model_path = net_->source_file();
        request.cfg_path = cfg;
        request.conditions = conditions_;
        request.initial = initial;
        request.samples = samples;
        request.max_time = max_time;
        request.time_tick = time_tick;
        request.seed = seed;
        request.discrete_time = discrete_time;
        if (threads != 0) request.threads = threads;
        return run_interruptible(
            threads, [&](const Control& control) { return cli::to_json(run_simulation(request, control)).dump(); });
    }

private:
    static void merge(Conditions& into, const Conditions& from) {
        auto add = [](std::vector<std::string>& a, const std::vector<std::string>& b) {
            a.insert(a.end(), b.begin(), b.end());
        };
        add(into.knockouts, from.knockouts);
        add(into.overexpressions, from.overexpressions);
        add(into.fixes, from.fixes);
        add(into.drugs, from.drugs);
        add(into.contexts, from.contexts);
        add(into.cuts, from.cuts);
        if (!from.scenario.empty()) into.scenario = from.scenario;
        into.free_inputs = into.free_inputs || from.free_inputs;
    }

    py::object search(const SearchOptions& o, const std::string& order, unsigned threads, bool fixed_only) const {
        AttractorOrder how;
        if (order == "file")
            how = AttractorOrder::file;
        else if (order == "boolnet")
            how = AttractorOrder::boolnet;
        else
            throw py::value_error(errors::python_bad_order(order));
        return run_interruptible(threads, [&](const Control& control) {
            cli::AttractorReport report;
            report.net = net_.get();
            report.perturbation = perturbation_;
            report.conditions = conditions_.describe();
            Network perturbed = bitsig::apply(*net_, perturbation_);
            report.result =
                fixed_only ? find_all_fixed_points(perturbed, o, control) : find_attractors(perturbed, o, control);
            order_attractors(report.result, perturbed, how, control);
            return cli::to_json(report).dump();
        });
    }

    // Runs `job` (which returns JSON text) on a worker thread without the interpreter lock,
    // so other Python threads go on; this thread wakes every 50 ms to let Python see Ctrl-C
    // (a notebook's "interrupt kernel"), which cancels the job through Control like the
    // CLI's handler. Returns the JSON as dicts and lists.
    static py::object run_interruptible(unsigned threads, const std::function<std::string(const Control&)>& job) {
        std::atomic<bool> cancel{false};
        Control control;
        control.cancel = &cancel;
        control.threads = threads;
        auto work = std::async(std::launch::async, [&] { return job(control); });
        bool interrupted = false;
        {
            py::gil_scoped_release unlocked;
            while (work.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
                py::gil_scoped_acquire locked;
                if (PyErr_CheckSignals() != 0) {
                    interrupted = true;
                    cancel = true;
                    break;
                }
            }
            work.wait();
        }
        if (interrupted) {
            try {
                (void)work.get();
            } catch (...) {
                // Whatever the job ended with, the user asked to stop.
            }
            throw py::error_already_set();  // the KeyboardInterrupt PyErr_CheckSignals raised
        }
        std::string text = work.get();  // rethrows the job's InputError or ResourceError
        return py::module_::import("json").attr("loads")(text);
    }

    std::shared_ptr<const Network> net_;
    Conditions conditions_;
    Perturbation perturbation_;
};

Model load(const std::string& path) { return Model(std::make_shared<const Network>(load_network(path))); }

}  // namespace

}  // namespace bitsig::python

PYBIND11_MODULE(bitsig, m) {
    using bitsig::python::Model;
    m.doc() = "Boolean models of cell-signalling networks: attractors and perturbations (the bitsig engine)";
    m.attr("__version__") = BITSIG_VERSION;
    static py::exception<bitsig::InputError> input_error(m, "InputError", PyExc_ValueError);
    static py::exception<bitsig::ResourceError> resource_error(m, "ResourceError", PyExc_RuntimeError);
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const bitsig::InputError& e) {
            input_error(e.what());
        } catch (const bitsig::ResourceError& e) {
            resource_error(e.what());
        } catch (const bitsig::Interrupted&) {
            PyErr_SetNone(PyExc_KeyboardInterrupt);
        }
    });

    py::class_<Model>(m, "Model", "A loaded model, with the conditions applied so far")
        .def_property_readonly("name", &Model::name)
        .def_property_readonly("nodes", &Model::nodes, "Variable names in model order (state strings follow it)")
        .def_property_readonly("drugs", &Model::drugs)
        .def_property_readonly("contexts", &Model::contexts)
        .def_property_readonly("conditions", &Model::conditions, "The applied conditions, described")
        .def_property_readonly("warnings", &Model::warnings, "Warnings the reader gave")
        .def(
            "apply",
            [](const Model& model, const std::string& text) {
                return model.apply({}, {}, {}, {}, {}, {}, text, false);
            },
            py::arg("conditions"), "A new Model with a CONDITIONS string applied: 'context=pten_loss drug=trastuzumab'")
        .def("apply", &Model::apply, py::arg("ko") = std::vector<std::string>{},
             py::arg("oe") = std::vector<std::string>{}, py::arg("fix") = std::map<std::string, int>{},
             py::arg("drugs") = std::vector<std::string>{}, py::arg("contexts") = std::vector<std::string>{},
             py::arg("cuts") = std::vector<std::string>{}, py::arg("conditions") = std::string{},
             py::arg("free_inputs") = false,
             "A new Model with these conditions added: knockouts, overexpressions, fix={'X': 1}, drugs, contexts, "
             "cuts ['A->X'], or a CONDITIONS string such as 'context=pten_loss drug=trastuzumab'")
        .def("attractors", &Model::attractors, py::arg("update") = "sync", py::arg("method") = "auto",
             py::arg("order") = "file", py::arg("limit") = 100'000, py::arg("threads") = 0,
             "Attractors as the dict `bitsig attractors --format json` writes")
        .def("fixed_points", &Model::fixed_points, py::arg("limit") = 100'000, py::arg("order") = "file",
             py::arg("threads") = 0,
             "Every fixed point (at most `limit` listed), as `bitsig fixed-points --format json`")
        .def("respond", &Model::respond, py::arg("to"), py::arg("then") = std::vector<std::string>{},
             py::arg("initial") = std::string{}, py::arg("update") = "async", py::arg("method") = "auto",
             py::arg("samples") = 10'000, py::arg("seed") = 1, py::arg("threads") = 0,
             "Response to treatment from this model's conditions (its attractors, or `initial`): the dict "
             "`bitsig respond --format json` writes; `to` and each of `then` are CONDITIONS strings")
        .def("simulate", &Model::simulate, py::arg("samples") = py::none(), py::arg("max_time") = py::none(),
             py::arg("time_tick") = py::none(), py::arg("seed") = py::none(), py::arg("initial") = std::string{},
             py::arg("discrete_time") = py::none(), py::arg("cfg") = std::string{}, py::arg("threads") = 0,
             "Stochastic simulation with MaBoSS's semantics under this model's conditions: the dict "
             "`bitsig simulate --format json` writes (for a .bnd model, `cfg` names its .cfg)")
        .def("__repr__", [](const Model& model) {
            return "<bitsig.Model " + model.name() + ": " + std::to_string(model.nodes().size()) + " nodes, " +
                   model.conditions() + ">";
        });

    m.def("load", &bitsig::python::load, py::arg("path"),
          "Loads a model (.yaml, .yml, .bnet, .sbml, .xml, .booleannet or .bn); bitsig.InputError on a bad file");
}
