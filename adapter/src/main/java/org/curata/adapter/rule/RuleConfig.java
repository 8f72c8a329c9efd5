package org.curata.adapter.rule;

import java.util.Objects;
import java.util.function.Function;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * The immutable configuration of a Curata rule (Calcite generates these with the Immutables
 * processor; a record does the same here).
 *
 * @param relBuilderFactory builds the relational expressions a rule creates
 * @param description the rule's description, unique in a planner
 * @param operandSupplier the operands the rule matches
 * @param factory creates the rule from this configuration
 */
public record RuleConfig(RelBuilderFactory relBuilderFactory, String description,
    RelRule.OperandTransform operandSupplier, Function<RuleConfig, RelOptRule> factory)
    implements RelRule.Config {
  public RuleConfig {
    Objects.requireNonNull(relBuilderFactory, "relBuilderFactory");
    Objects.requireNonNull(operandSupplier, "operandSupplier");
    Objects.requireNonNull(factory, "factory");
  }

  @Override
  public RuleConfig withRelBuilderFactory(RelBuilderFactory f) {
    return new RuleConfig(f, description, operandSupplier, factory);
  }

  @Override
  public RuleConfig withDescription(String d) {
    return new RuleConfig(relBuilderFactory, d, operandSupplier, factory);
  }

  @Override
  public RuleConfig withOperandSupplier(RelRule.OperandTransform t) {
    return new RuleConfig(relBuilderFactory, description, t, factory);
  }

  @Override
  public RelOptRule toRule() {
    return factory.apply(this);
  }
}
