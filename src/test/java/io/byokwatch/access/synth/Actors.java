package io.byokwatch.access.synth;

import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** The kinds of callers the synthetic world holds. */
final class Actors {
    private Actors() {
    }

    /** A set of addresses in a few /24 networks, as Azure's hosts or a company's egress use. */
    static final class Networks {
        final List<String> prefixes = new ArrayList<>();

        Networks(SplittableRandom rnd, int count, int firstOctet) {
            for (int i = 0; i < count; i++) {
                prefixes.add(firstOctet + "." + rnd.nextInt(256) + "." + rnd.nextInt(256));
            }
        }

        Networks(String... prefixes) {
            this.prefixes.addAll(List.of(prefixes));
        }

        String address(SplittableRandom rnd) {
            return prefixes.get(rnd.nextInt(prefixes.size())) + "." + (1 + rnd.nextInt(254));
        }
    }

    /** A disk encryption set's identity: unwraps whenever disks attach and while VMs run, following its clusters' load. */
    static final class DiskEncryptionSet extends Actor {
        final String setName;
        final double base;
        final double peak;
        final double amplitude;
        final double weekendFactor;
        final Networks networks;
        /** Day -> scale-out: start hour of day, hours, multiplier. Legitimate: nodes added for load. */
        final Map<Integer, double[]> scaleOuts = new HashMap<>();
        /** Hours in which this identity does nothing at all (planted silence). */
        final java.util.BitSet silent = new java.util.BitSet();
        /** Hours in which its unwraps are refused with 403, and how many refusals (planted failure burst). */
        final Map<Integer, Integer> denied = new HashMap<>();
        /** Hours with many times the usual volume (planted spike). */
        final Map<Integer, Double> spikes = new HashMap<>();
        /** Hours with a few unwraps from an address outside its networks (planted new source). */
        final Map<Integer, String> foreign = new HashMap<>();
        /** Status of every unwrap: 200, or 404 for a key that no longer exists. */
        int unwrapStatus = 200;
        /** KeyGet calls per hour besides those that follow the load (Azure re-checks the key while VMs run). */
        double keyChecks = 0.4;
        /** 401 challenges per hour besides those that follow the load. */
        double challenges = 0.3;

        DiskEncryptionSet(String vault, String key, String setName, Caller caller, double base, double peak, double amplitude,
                          double weekendFactor, Networks networks) {
            super(vault, key, caller);
            this.setName = setName;
            this.base = base;
            this.peak = peak;
            this.amplitude = amplitude;
            this.weekendFactor = weekendFactor;
            this.networks = networks;
        }

        double rate(int hour, Instant at) {
            double r = base * rhythm(hourOfDay(at), weekend(at), peak, amplitude, weekendFactor);
            double[] s = scaleOuts.get(hour / 24);
            if (s != null && hour % 24 >= s[0] && hour % 24 < s[0] + s[1]) {
                r *= s[2];
            }
            return r * spikes.getOrDefault(hour, 1.0);
        }

        @Override
        void hour(int hour, Instant at, SplittableRandom rnd, Consumer<AccessRecord> out) {
            if (silent.get(hour)) {
                return;
            }
            double r = rate(hour, at);
            String ip = networks.address(rnd);
            Integer refused = denied.get(hour);
            if (refused != null) {
                emit(out, at, vault, key, "KeyUnwrap", caller, ip, 403, refused);
            } else {
                emit(out, at, vault, key, "KeyUnwrap", caller, ip, unwrapStatus, Poisson.draw(rnd, r));
            }
            emit(out, at, vault, key, "KeyWrap", caller, networks.address(rnd), unwrapStatus, Poisson.draw(rnd, r * 0.03));
            emit(out, at, vault, key, "KeyGet", caller, networks.address(rnd), unwrapStatus, Poisson.draw(rnd, keyChecks + r * 0.02));
            // Every new connection is first answered 401, before the client sends its token.
            emit(out, at, vault, key, "KeyUnwrap", Caller.ANONYMOUS, ip, 401, Poisson.draw(rnd, challenges + r * 0.01));
            if (r > 150) {
                emit(out, at, vault, key, "KeyUnwrap", caller, ip, 429, Poisson.draw(rnd, r * 0.0005));
            }
            String away = foreign.get(hour);
            if (away != null) {
                emit(out, at, vault, key, "KeyUnwrap", caller, away, 200, 2 + rnd.nextInt(5));
            }
        }
    }

    /** An application using its own (non-disk) key: busy in office hours, quiet at weekends, sometimes refused. */
    static final class Application extends Actor {
        final double base;
        final double peak;
        final Networks networks;
        final List<String> operations;
        final Map<Integer, Double> spikes = new HashMap<>();

        Application(String vault, String key, Caller caller, double base, double peak, Networks networks, List<String> operations) {
            super(vault, key, caller);
            this.base = base;
            this.peak = peak;
            this.networks = networks;
            this.operations = operations;
        }

        @Override
        void hour(int hour, Instant at, SplittableRandom rnd, Consumer<AccessRecord> out) {
            double r = base * rhythm(hourOfDay(at), weekend(at), peak, 0.8, 0.3) * spikes.getOrDefault(hour, 1.0);
            for (String op : operations) {
                emit(out, at, vault, key, op, caller, networks.address(rnd), 200, Poisson.draw(rnd, r / operations.size()));
            }
            emit(out, at, vault, key, operations.get(0), Caller.ANONYMOUS, networks.address(rnd), 401, Poisson.draw(rnd, 0.2 + r * 0.01));
            if (rnd.nextDouble() < 0.01) {
                emit(out, at, vault, key, operations.get(0), caller, networks.address(rnd), 403, 1 + rnd.nextInt(3));
            }
        }
    }

    /** Infrastructure automation (a Terraform pipeline): reads the disk keys and re-applies the vaults every night. */
    static final class Automation extends Actor {
        final List<String[]> diskKeys;
        final List<String> vaults;
        final int runHour;
        final Networks networks;
        final double applyProbability;

        Automation(Caller caller, List<String[]> diskKeys, List<String> vaults, int runHour, Networks networks,
                   double applyProbability) {
            super(null, null, caller);
            this.diskKeys = diskKeys;
            this.vaults = vaults;
            this.runHour = runHour;
            this.networks = networks;
            this.applyProbability = applyProbability;
        }

        @Override
        void hour(int hour, Instant at, SplittableRandom rnd, Consumer<AccessRecord> out) {
            if (hour % 24 != runHour) {
                return;
            }
            String ip = networks.address(rnd);
            for (String[] vk : diskKeys) {
                emit(out, at, vk[0], vk[1], "KeyGet", caller, ip, 200, 1 + rnd.nextInt(3));
            }
            for (String v : vaults) {
                emit(out, at, v, null, "VaultGet", caller, ip, 200, 1 + rnd.nextInt(2));
                if (rnd.nextDouble() < applyProbability) {
                    emit(out, at, v, null, "VaultPut", caller, ip, 200, 1);
                }
            }
        }
    }

    /** Monitoring that lists keys and reads vault properties every hour; touches no key material. */
    static final class Monitor extends Actor {
        final Networks networks;

        Monitor(String vault, Caller caller, Networks networks) {
            super(vault, null, caller);
            this.networks = networks;
        }

        @Override
        void hour(int hour, Instant at, SplittableRandom rnd, Consumer<AccessRecord> out) {
            emit(out, at, vault, null, "VaultGet", caller, networks.address(rnd), 200, Poisson.draw(rnd, 1.0));
            emit(out, at, vault, null, "KeyList", caller, networks.address(rnd), 200, Poisson.draw(rnd, 0.5));
        }
    }

    /** Planted one-off activity at fixed hours: a person unwrapping a disk key, a key deleted. */
    static final class Incident extends Actor {
        record Step(int hour, String vault, String key, String operation, int status, int count, String ip) {
        }

        final List<Step> steps = new ArrayList<>();

        Incident(Caller caller) {
            super(null, null, caller);
        }

        @Override
        void hour(int hour, Instant at, SplittableRandom rnd, Consumer<AccessRecord> out) {
            for (Step s : steps) {
                if (s.hour == hour) {
                    emit(out, at, s.vault, s.key, s.operation, caller, s.ip, s.status, s.count);
                }
            }
        }
    }
}
