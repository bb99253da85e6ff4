package dev.reel.runtime;

import dev.reel.runtime.affinity.Affinity;
import dev.reel.runtime.idle.IdleStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A long-lived thread, pinned to one core where possible, that runs the cells placed on it. */
final class Worker extends Executor {
    final int index;
    private final int wantedCore;
    private volatile boolean running = true;
    /** Sum of cost() of the cells placed here now; guides placement. */
    int load;

    Worker(int index, int wantedCore, IdleStrategy idle) {
        super("reel-worker-" + index, idle);
        this.index = index;
        this.wantedCore = wantedCore;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        if (wantedCore >= 0 && Affinity.pinCurrentThread(wantedCore)) {
            core = wantedCore;
        }
        int idleRounds = 0;
        while (running) {
            if (dutyCycle() > 0) {
                idleRounds = 0;
            } else {
                idle.idle(++idleRounds, this::park);
            }
        }
    }

    synchronized void addCells(List<Cell> add) {
        List<Cell> all = new ArrayList<>(Arrays.asList(cells));
        all.addAll(add);
        for (Cell c : add) {
            load += c.component.cost();
        }
        cells = all.toArray(new Cell[0]);
        wakeNow();
    }

    synchronized void removeCells(List<Cell> remove) {
        List<Cell> all = new ArrayList<>(Arrays.asList(cells));
        if (all.removeAll(remove)) {
            for (Cell c : remove) {
                load -= c.component.cost();
            }
        }
        cells = all.toArray(new Cell[0]);
    }

    void shutdown() {
        running = false;
        wakeNow();
    }

    @Override
    boolean stopRequested() {
        return !running;
    }
}
